// ShipmentTable.tsx (skeleton stub: the linter only needs the file to exist)
export function ShipmentTable(..._args: unknown[]): null {
  return null;
}
