export async function api<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(`/api/v1${path}`, init);
  if (!res.ok) throw new Error(`${res.status}`);
  return (await res.json()) as T;
}
