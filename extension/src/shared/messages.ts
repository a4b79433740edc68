/**
 * Every message between the content scripts, the background and the extension pages, as zod
 * schemas. Whatever arrives is parsed before use, and the sender is checked: content-script
 * messages must come from a tab frame, page messages from this extension's own pages.
 */
import * as z from 'zod';

const str = (max: number) => z.string().max(max);
const messages = z.strictObject({ 'zh-CN': str(1000), en: str(1000) });

export const findingSchema = z.strictObject({
  /** Stable within the frame's document: element number + rule. */
  key: str(80),
  rule: str(64),
  severity: z.enum(['error', 'warning', 'review']),
  match: str(200),
  text: str(300),
  selector: str(1000),
  unit: z.enum(['text', 'row', 'field']),
  message: messages,
  policy: z.strictObject({ document: str(200), task: str(20), text: str(1000) }),
});
export type FindingDto = z.infer<typeof findingSchema>;

export const matterSchema = z.strictObject({ id: z.string().regex(/^DZ164-\d{3}$/), name: str(200), department: str(100), score: z.number() });
export type MatterDto = z.infer<typeof matterSchema>;

/** Per frame, at most this many findings travel in detail (the count is always exact). */
export const MAX_REPORTED = 500;

export const contentMessage = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('hello'), timeOrigin: z.number() }),
  z.strictObject({
    type: z.literal('report'),
    timeOrigin: z.number(),
    url: str(2048),
    title: str(300),
    matter: matterSchema.nullable(),
    findings: z.array(findingSchema).max(MAX_REPORTED),
    count: z.number().int().min(0),
  }),
  z.strictObject({ type: z.literal('gone'), timeOrigin: z.number() }),
  z.strictObject({ type: z.literal('ignore'), frameId: z.number().int().min(0), key: str(80), reason: str(500).min(1) }),
  z.strictObject({ type: z.literal('reveal'), frameId: z.number().int().min(0), key: str(80) }),
]);
export type ContentMessage = z.infer<typeof contentMessage>;

export const pageMessage = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('tab-state'), tabId: z.number().int() }),
  z.strictObject({ type: z.literal('records-changed') }),
  z.strictObject({ type: z.literal('trust-refresh') }),
  z.strictObject({ type: z.literal('sites-changed') }),
  z.strictObject({ type: z.literal('reveal'), tabId: z.number().int(), frameId: z.number().int().min(0), key: str(80) }),
]);
export type PageMessage = z.infer<typeof pageMessage>;

export const tabItemSchema = findingSchema.extend({ frameId: z.number().int().min(0), site: str(253), number: z.number().int().min(1) });
export type TabItem = z.infer<typeof tabItemSchema>;

export const tabSnapshotSchema = z.strictObject({
  total: z.number().int().min(0),
  items: z.array(tabItemSchema),
  matter: matterSchema.nullable(),
  page: z.strictObject({ url: str(2048), title: str(300) }).nullable(),
});
export type TabSnapshot = z.infer<typeof tabSnapshotSchema>;

export const backgroundMessage = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('tab'), snapshot: tabSnapshotSchema }),
  z.strictObject({ type: z.literal('reveal'), key: str(80) }),
]);
export type BackgroundMessage = z.infer<typeof backgroundMessage>;

export interface SenderLike {
  id?: string;
  url?: string;
  frameId?: number;
  tab?: { id?: number };
}

/** A content script of this extension in a tab frame. */
export function isContentSender(sender: SenderLike, extensionId: string, extensionOrigin: string): boolean {
  return sender.id === extensionId && typeof sender.tab?.id === 'number' && typeof sender.frameId === 'number' && !(sender.url ?? '').startsWith(extensionOrigin);
}

/** One of this extension's own pages (side panel, popup, options, or the camera page in a tab). */
export function isPageSender(sender: SenderLike, extensionId: string, extensionOrigin: string): boolean {
  return sender.id === extensionId && (sender.url ?? '').startsWith(extensionOrigin);
}
