/**
 * The environment `spec verify` gives the commands it runs: the caller's, minus the variables whose names
 * say they hold a secret. A done condition is text from a spec — on CI, from a pull request — so a command
 * it names gets no API key, token or password it does not need. `--pass-env NAME` passes one back (only on
 * the command line: a config file in a pull request cannot ask for more).
 *
 * Withheld (case-insensitive; `*` is any run of characters):
 * - names ending in `_KEY`, `_KEYS`, `_TOKEN`, `_TOKENS`, `_SECRET`, `_SECRETS`, `_PASSWORD`, `_PASSWD`,
 *   `_PASS`, `_PWD`, `_CREDENTIAL`, `_CREDENTIALS`, `_AUTH`, `_COOKIE`, `_SESSION`, `_WEBHOOK`,
 *   `_WEBHOOK_URL`, `_PRIVATE`, `_CERT_KEY`, `_SIGNING_KEY`;
 * - names starting with `ANTHROPIC_`, `OPENAI_`, `AWS_`, `AZURE_`, `GOOGLE_`, `GCP_`, `GCLOUD_`, `VAULT_`,
 *   `ACTIONS_`, `DOCKER_AUTH`, `NPM_CONFIG__AUTH`, `NETLIFY_`, `VERCEL_`, `HEROKU_`, `CLOUDFLARE_`,
 *   `DIGITALOCEAN_`, `TF_VAR_`, `SSH_`;
 * - the names `TOKEN`, `SECRET`, `PASSWORD`, `API_KEY`, `APIKEY`, `PGPASSWORD`, `MYSQL_PWD`,
 *   `GITHUB_TOKEN`, `GH_TOKEN`, `GITLAB_TOKEN`, `CI_JOB_TOKEN`, `NODE_AUTH_TOKEN`, `KUBECONFIG`,
 *   `GNUPGHOME`, `GPG_AGENT_INFO`.
 *
 * Kept: everything else (`PATH`, `HOME`, `DATABASE_URL` …): the checks need their tools and the dev
 * database. `PWD` and `OLDPWD` are not secrets, whatever their suffix.
 */

const SUFFIX = /_(?:KEYS?|TOKENS?|SECRETS?|PASSWORD|PASSWD|PASS|PWD|CREDENTIALS?|AUTH|COOKIE|SESSION|WEBHOOK|WEBHOOK_URL|PRIVATE|CERT_KEY|SIGNING_KEY)$/i;
const PREFIX = /^(?:ANTHROPIC_|OPENAI_|AWS_|AZURE_|GOOGLE_|GCP_|GCLOUD_|VAULT_|ACTIONS_|DOCKER_AUTH|NPM_CONFIG__AUTH|NETLIFY_|VERCEL_|HEROKU_|CLOUDFLARE_|DIGITALOCEAN_|TF_VAR_|SSH_)/i;
const EXACT = new Set(['TOKEN', 'SECRET', 'PASSWORD', 'API_KEY', 'APIKEY', 'PGPASSWORD', 'MYSQL_PWD', 'GITHUB_TOKEN', 'GH_TOKEN', 'GITLAB_TOKEN', 'CI_JOB_TOKEN', 'NODE_AUTH_TOKEN', 'KUBECONFIG', 'GNUPGHOME', 'GPG_AGENT_INFO']);
const NEVER_SECRET = new Set(['PWD', 'OLDPWD']);

/** Whether a variable name is on the deny-list. */
export function isSecretName(name: string): boolean {
  if (NEVER_SECRET.has(name.toUpperCase())) return false;
  return EXACT.has(name.toUpperCase()) || SUFFIX.test(name) || PREFIX.test(name);
}

export interface CommandEnv {
  env: Record<string, string>;
  /** Names withheld, sorted. */
  withheld: string[];
}

/** The environment for verify's commands: `base` minus secrets, plus the names in `pass`. */
export function commandEnvironment(base: NodeJS.ProcessEnv, pass: readonly string[] = []): CommandEnv {
  const allowed = new Set(pass.map((p) => p.trim()).filter(Boolean));
  const env: Record<string, string> = {};
  const withheld: string[] = [];
  for (const [k, v] of Object.entries(base)) {
    if (v === undefined) continue;
    if (isSecretName(k) && !allowed.has(k)) withheld.push(k);
    else env[k] = v;
  }
  return { env, withheld: withheld.sort() };
}
