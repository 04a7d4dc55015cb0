// Development sign-in without Saleor: a token from the project's development issuer, made by
// `cmp token --email E` (the same command the README uses), which signs with the key that
// `./run dev`'s subgraphs trust. Offered by `next dev`, or with CMP_STOREFRONT_DEV_TOKENS=1;
// anywhere else this route does not exist (404).
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";

import { devTokensEnabled } from "@/lib/config";

const run = promisify(execFile);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function cmpCommand(): { command: string; cwd: string } {
  // The storefront lives in the repository's storefront/; `cmp` in its .venv.
  const root = process.env.CMP_REPO_ROOT ?? path.resolve(process.cwd(), "..");
  return { command: process.env.CMP_BIN ?? path.join(root, ".venv", "bin", "cmp"), cwd: root };
}

export async function POST(request: Request): Promise<Response> {
  if (!devTokensEnabled()) return new Response("Not Found", { status: 404 });
  let email: unknown;
  try {
    ({ email } = (await request.json()) as { email?: unknown });
  } catch {
    return Response.json({ error: "Send {\"email\": …} as JSON." }, { status: 400 });
  }
  if (typeof email !== "string" || !EMAIL.test(email) || email.length > 254) {
    return Response.json({ error: "Enter a valid email address." }, { status: 400 });
  }
  const { command, cwd } = cmpCommand();
  try {
    const { stdout } = await run(command, ["token", "--email", email], { cwd, timeout: 20_000 });
    const token = stdout.trim();
    if (!token) throw new Error("empty token");
    return Response.json({ token });
  } catch {
    return Response.json(
      { error: "No development token: is `cmp` installed (./run dev creates .venv)? Set CMP_BIN otherwise." },
      { status: 503 },
    );
  }
}
