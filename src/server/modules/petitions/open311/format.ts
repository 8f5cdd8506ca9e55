import { XMLBuilder } from 'fast-xml-parser';
import type { FastifyReply } from 'fastify';

/** GeoReport v2 answers every resource as .json or .xml. */
export type Format = 'json' | 'xml';
export const FORMATS: readonly Format[] = ['json', 'xml'];

const builder = new XMLBuilder({ ignoreAttributes: false, format: true, suppressEmptyNode: true });

/**
 * The XML shapes the spec names: a list root wrapping one element per item
 * (services/service, service_requests/request, errors/error). Nulls become empty elements so a
 * field is present in both formats; the builder escapes every text (no markup from a client gets through).
 */
export function toXml(root: string, item: string, items: readonly object[]): string {
  const clean = items.map((o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v ?? ''])));
  return `<?xml version="1.0" encoding="utf-8"?>\n${builder.build({ [root]: { [item]: clean } })}`;
}

/** A single XML document (e.g. service_definition) given as a nested object. */
export function toXmlDocument(doc: object): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${builder.build(doc)}`;
}

/** Sends a list in the requested format. */
export function sendList(reply: FastifyReply, format: Format, root: string, item: string, items: readonly object[], status = 200): FastifyReply {
  reply.status(status);
  if (format === 'xml') return reply.type('application/xml; charset=utf-8').send(toXml(root, item, items));
  return reply.type('application/json; charset=utf-8').send(JSON.stringify(items));
}

/** The format a URL asks for (errors answer in the format of the resource that failed). */
export const formatOfUrl = (url: string): Format => (/\.xml(\?|$)/.test(url) ? 'xml' : 'json');
