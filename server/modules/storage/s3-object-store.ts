import {
  DeleteObjectCommand,
  GetObjectCommand,
  NoSuchKey,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { Readable } from 'node:stream';
import type { ObjectStore } from './object-store';

export interface S3Location {
  bucket: string;
  /** Prepended to every key, e.g. `client-hub/`. */
  prefix: string;
  client: S3ClientConfig;
}

/**
 * Parts of a multipart upload (S3's smallest; 2 GB is 410 of its 10,000), and how many go at
 * once: the SDK holds those two and gathers the next, about 3 × 5 MB per upload.
 */
const PART_BYTES = 5 * 1024 * 1024;
const PARTS_AT_ONCE = 2;

/** Objects in an S3-compatible bucket, through the official SDK; large uploads go in parts. */
export class S3ObjectStore implements ObjectStore {
  private readonly s3: S3Client;

  constructor(private readonly location: S3Location) {
    this.s3 = new S3Client(location.client);
  }

  async put(key: string, body: Readable): Promise<void> {
    await new Upload({
      client: this.s3,
      params: { Bucket: this.location.bucket, Key: this.keyOf(key), Body: body },
      partSize: PART_BYTES,
      queueSize: PARTS_AT_ONCE,
      leavePartsOnError: false,
    }).done();
  }

  async get(key: string): Promise<Readable | null> {
    try {
      const { Body } = await this.s3.send(
        new GetObjectCommand({ Bucket: this.location.bucket, Key: this.keyOf(key) }),
      );
      return Body as Readable;
    } catch (e) {
      if (e instanceof NoSuchKey) return null;
      throw e;
    }
  }

  async delete(key: string): Promise<void> {
    await this.s3.send(
      new DeleteObjectCommand({ Bucket: this.location.bucket, Key: this.keyOf(key) }),
    );
  }

  close(): void {
    this.s3.destroy();
  }

  private keyOf(key: string): string {
    return this.location.prefix + key;
  }
}
