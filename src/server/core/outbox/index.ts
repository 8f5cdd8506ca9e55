/** The message outbox: messages to people outside, written with the event, delivered and retried by a job. */
export { renderTemplate, defineMessages, clip, type MessageTemplate, type OutboxChannel, type TemplateParams } from './templates.ts';
export { enqueueOutboxMessages, sealMessage, sealForRecipient, type SealedMessage, type PlainMessage } from './enqueue.ts';
export { deliverDueMessages, retryDelayMs, MAX_ATTEMPTS, type DeliveryResult } from './deliver.ts';
export {
  logTransport,
  smtpTransport,
  smsHttpTransport,
  transportsFromConfig,
  type Transport,
  type TransportMap,
  type OutgoingMessage,
  type OutboxTransportConfig,
} from './transports.ts';
export { maskEmail, maskRecipient } from './recipients.ts';
