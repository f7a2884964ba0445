/**
 * The BullMQ job id of a webhook delivery (docs/design.md §14): one per delivery row, so the
 * relay, the worker's re-enqueue pass and an admin's retry all name the same job, and adding it
 * again while BullMQ still has it is a no-op.
 */
export function webhookJobId(deliveryId: string): string {
  return `webhook-${deliveryId}`;
}
