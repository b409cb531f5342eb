/** Calls the Harbor API with the operator's token (read by the real file from localStorage). */
export async function http<T>(path: string, init: RequestInit = {}, token = ''): Promise<T> {
  const res = await fetch(`/v1${path}`, { ...init, headers: { ...init.headers, Authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return (await res.json()) as T;
}
