/** GET /api/v1/orgs/{org_id}/projects/{project_id}/tasks */
export async function listTasks(orgId: string, projectId: string, q = ''): Promise<unknown[]> {
  const res = await fetch(`/api/v1/orgs/${orgId}/projects/${projectId}/tasks?q=${encodeURIComponent(q)}`, { credentials: 'include' });
  return (await res.json()) as unknown[];
}
