import { generateSync } from 'otplib';
import type { Agent, Response } from 'supertest';

const PERIOD_MS = 30_000;
const PREVIOUS_STEP_MARGIN_MS = 10_000;

/**
 * Authenticator secrets enrolled during the tests, by database (`realm`: API processes on one
 * database share accounts) and email: the tests' phone.
 */
const secrets = new Map<string, string>();
/** The last time step each secret gave a code for: the server takes each step once. */
const lastStep = new Map<string, number>();

const key = (realm: string, email: string) => `${realm} ${email.toLowerCase()}`;

export function rememberSecret(realm: string, email: string, secret: string): void {
  secrets.set(key(realm, email), secret);
}

export function secretOf(realm: string, email: string): string {
  const secret = secrets.get(key(realm, email));
  if (!secret) throw new Error(`No authenticator enrolled in this test for ${email}`);
  return secret;
}

/**
 * A code the server has not taken yet, as an authenticator app shows it: the previous step's,
 * the current one's or the next one's (the server allows a step of clock drift either way, so a
 * test may sign one account in three times in a row), else it waits for the clock.
 */
export async function freshCode(secret: string): Promise<string> {
  const now = Math.floor(Date.now() / PERIOD_MS);
  // The previous step's code only while it cannot turn two steps old before the server sees it.
  const earliest = Date.now() % PERIOD_MS < PERIOD_MS - PREVIOUS_STEP_MARGIN_MS ? now - 1 : now;
  const step = Math.max(earliest, (lastStep.get(secret) ?? -2) + 1);
  if (step > now + 1) await new Promise((r) => setTimeout(r, (step - 1) * PERIOD_MS - Date.now()));
  lastStep.set(secret, step);
  return generateSync({ secret, epoch: (step * PERIOD_MS) / 1000 });
}

/**
 * Signs `agent` in as the user does: the password, then the authenticator's code, or the
 * enrolment of a new authenticator if the firm requires one and there is none yet. Answers the
 * last step's response (the one that sets the session cookie).
 */
export async function signInSteps(
  agent: Agent,
  realm: string,
  credentials: { email: string; password: string; portal?: boolean },
): Promise<Response> {
  const login = await agent.post('/api/auth/login').send(credentials).expect(200);
  if (login.body.secondFactor === 'enrol') {
    const { body: enrolment } = await agent.post('/api/auth/mfa/enrolment').expect(200);
    rememberSecret(realm, credentials.email, enrolment.secret);
    return agent
      .post('/api/auth/mfa/enrolment/confirm')
      .send({ code: await freshCode(enrolment.secret) })
      .expect(200);
  }
  if (login.body.secondFactor === 'code') {
    return agent
      .post('/api/auth/mfa/verify')
      .send({ code: await freshCode(secretOf(realm, credentials.email)) })
      .expect(200);
  }
  return login;
}

export async function signInWithSecondFactor(
  agent: Agent,
  realm: string,
  credentials: { email: string; password: string; portal?: boolean },
): Promise<Agent> {
  await signInSteps(agent, realm, credentials);
  return agent;
}

/**
 * For specs of the password step itself (its cookies, answers and lockouts): the firm lets staff
 * sign in with a password alone, as it may choose to in Settings.
 */
export async function allowPasswordOnlyStaff(t: {
  query: (sql: string) => Promise<unknown>;
}): Promise<void> {
  await t.query(`update firm_settings set staff_mfa = 'optional'`);
}
