// Drives the official Hugging Face JS client (@huggingface/hub) against a Strongroom server.
// Input (env): HUB_URL, HF_TOKEN, OWNER (the token owner's name), SUFFIX (makes repo names unique).
// Output: one JSON object on stdout describing what each call returned; the .NET test asserts on it.
import { whoAmI, createRepo, deleteRepo, checkRepoAccess, listModels, listSpaces } from "@huggingface/hub";

const hubUrl = process.env.HUB_URL;
const accessToken = process.env.HF_TOKEN;
const owner = process.env.OWNER;
const suffix = process.env.SUFFIX;
const credentials = { accessToken };
const result = {};

async function attempt(name, fn) {
  try {
    result[name] = { ok: true, value: await fn() };
  } catch (e) {
    result[name] = { ok: false, status: e.statusCode ?? null, message: String(e.message) };
  }
}

const model = { type: "model", name: `${owner}/m-${suffix}` };
const space = { type: "space", name: `${owner}/s-${suffix}` };

await attempt("whoAmI", async () => {
  const me = await whoAmI({ hubUrl, credentials });
  return { type: me.type, name: me.name, role: me.auth?.accessToken?.role, createdAtIsDate: me.auth?.accessToken?.createdAt instanceof Date };
});
await attempt("createModel", async () => (await createRepo({ hubUrl, credentials, repo: model, private: true })).repoUrl);
await attempt("createSpace", async () => (await createRepo({ hubUrl, credentials, repo: space, sdk: "gradio" })).repoUrl);
await attempt("checkModel", async () => { await checkRepoAccess({ hubUrl, credentials, repo: model }); return true; });
await attempt("listModels", async () => {
  const names = [];
  for await (const m of listModels({ hubUrl, credentials, search: { owner } })) names.push({ name: m.name, private: m.private });
  return names;
});
await attempt("listSpaces", async () => {
  const names = [];
  for await (const s of listSpaces({ hubUrl, credentials, search: { owner } })) names.push({ name: s.name, sdk: s.sdk });
  return names;
});
await attempt("deleteModel", async () => { await deleteRepo({ hubUrl, credentials, repo: model }); return true; });
await attempt("deleteSpace", async () => { await deleteRepo({ hubUrl, credentials, repo: space }); return true; });
await attempt("checkDeleted", async () => { await checkRepoAccess({ hubUrl, credentials, repo: model }); return true; });

process.stdout.write(JSON.stringify(result));
