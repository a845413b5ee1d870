export interface RequestTemplateItem {
  title: string;
  description: string | null;
}

/** A reusable file request: what to ask for, and when it is due. */
export interface RequestTemplateView {
  id: string;
  name: string;
  subject: string;
  description: string | null;
  message: string | null;
  items: RequestTemplateItem[];
  dueInDays: number | null;
  createdBy: { id: string; name: string } | null;
  /** Playbooks with a step that uses it (it cannot be deleted while there are any). */
  usedBy: { id: string; name: string }[];
  createdAt: string;
  updatedAt: string;
}
