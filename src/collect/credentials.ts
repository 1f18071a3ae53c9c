/**
 * Credentials: ssh-agent (SSH_AUTH_SOCK), an identity file (`--identity`), and passwords only from
 * environment variables — the one the inventory names (`password-env`, `enable-password-env`),
 * else IPSEC_DRIFT_SSH_PASSWORD / IPSEC_DRIFT_ENABLE_PASSWORD. Never from the command line, never
 * echoed: every message that could hold one goes through `scrub`.
 */
import { readFileSync } from 'node:fs';
import { CollectError } from '../model/live.js';

export const PASSWORD_ENV = 'IPSEC_DRIFT_SSH_PASSWORD';
export const ENABLE_PASSWORD_ENV = 'IPSEC_DRIFT_ENABLE_PASSWORD';

export interface Credentials {
  password?: string;
  enablePassword?: string;
  privateKey?: Buffer;
  /** ssh-agent socket */
  agent?: string;
}

export interface CredentialRefs {
  passwordEnv?: string;
  enablePasswordEnv?: string;
}

function fromEnv(env: NodeJS.ProcessEnv, named: string | undefined, fallback: string, what: string): string | undefined {
  if (named) {
    const v = env[named];
    if (v === undefined) throw new CollectError('setup', `the inventory names ${named} for the ${what}, but that environment variable is not set`);
    return v;
  }
  const v = env[fallback];
  return v === undefined || v === '' ? undefined : v;
}

export function resolveCredentials(refs: CredentialRefs, env: NodeJS.ProcessEnv, identity?: Buffer): Credentials {
  return {
    password: fromEnv(env, refs.passwordEnv, PASSWORD_ENV, 'password'),
    enablePassword: fromEnv(env, refs.enablePasswordEnv, ENABLE_PASSWORD_ENV, 'enable password'),
    privateKey: identity,
    agent: env.SSH_AUTH_SOCK || undefined,
  };
}

/** The identity file, read once per run. */
export function readIdentity(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch {
    throw new CollectError('setup', `--identity ${path}: cannot read the key file`);
  }
}

/** Every secret this run knows, for scrubbing messages. */
export function secretsOf(c: Credentials): string[] {
  return [c.password, c.enablePassword].filter((s): s is string => typeof s === 'string' && s.length >= 3);
}

/** Replace any known secret in a message (a device that echoes a password back, say). */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) out = out.split(s).join('<redacted>');
  return out;
}
