/** GET /v1/shipments */
export async function listShipments(): Promise<unknown[]> {
  const res = await fetch('/v1/shipments');
  return (await res.json()) as unknown[];
}
