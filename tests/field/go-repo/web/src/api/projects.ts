/** GET /api/v1/orgs/{org_id}/projects */
export async function listProjects(orgId: string): Promise<unknown[]> {
  const res = await fetch(`/api/v1/orgs/${orgId}/projects`, { credentials: 'include' });
  return (await res.json()) as unknown[];
}
