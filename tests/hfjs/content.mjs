// Drives the official Hugging Face JS client (@huggingface/hub) through repository content: info,
// upload, list, download, exists, delete, and push protection's refusals.
// Input (env): HUB_URL, HF_TOKEN, OWNER, SUFFIX, LEAK (file content holding a live token of the hub),
// THIRD_PARTY (file content holding a third-party key).
// Output: one JSON object on stdout describing what each call returned; the .NET test asserts on it.
import {
  createRepo, modelInfo, datasetInfo, spaceInfo, uploadFile, uploadFiles, deleteFile, listFiles, downloadFile, fileExists,
} from "@huggingface/hub";

const hubUrl = process.env.HUB_URL;
const credentials = { accessToken: process.env.HF_TOKEN };
const owner = process.env.OWNER;
const suffix = process.env.SUFFIX;
const result = {};

async function attempt(name, fn) {
  try {
    result[name] = { ok: true, value: await fn() };
  } catch (e) {
    result[name] = { ok: false, status: e.statusCode ?? null, message: String(e.message) };
  }
}

const model = { type: "model", name: `${owner}/c-${suffix}` };
const dataset = { type: "dataset", name: `${owner}/d-${suffix}` };
const space = { type: "space", name: `${owner}/s-${suffix}` };
const binary = new Uint8Array(4096).map((_, i) => (i * 7 + 3) % 256);

await attempt("createModel", async () => (await createRepo({ hubUrl, credentials, repo: model, private: true })).repoUrl);
await attempt("createDataset", async () => (await createRepo({ hubUrl, credentials, repo: dataset, private: false })).repoUrl);
await attempt("createSpace", async () => (await createRepo({ hubUrl, credentials, repo: space, private: true, sdk: "static" })).repoUrl);

await attempt("modelInfo", async () => {
  const info = await modelInfo({ hubUrl, credentials, name: model.name, additionalFields: ["sha", "filePaths"] });
  return { name: info.name, private: info.private, sha: info.sha, filePaths: info.filePaths };
});
await attempt("modelInfoAnonymous", async () => (await modelInfo({ hubUrl, name: model.name })).name);
await attempt("datasetInfoAnonymous", async () => {
  const info = await datasetInfo({ hubUrl, name: dataset.name });
  return { name: info.name, private: info.private };
});
await attempt("spaceInfo", async () => {
  const info = await spaceInfo({ hubUrl, credentials, name: space.name });
  return { name: info.name, private: info.private, sdk: info.sdk };
});

await attempt("uploadFile", async () => (await uploadFile({ hubUrl, credentials, repo: model, file: { path: "README.md", content: new Blob(["# hello\n"]) } })).commit.oid);
await attempt("uploadFiles", async () => (await uploadFiles({
  hubUrl, credentials, repo: model,
  files: [
    { path: "dir/a.txt", content: new Blob(["a\n"]) },
    { path: "dir/sub/b.bin", content: new Blob([binary]) },
    { path: "dir/sub/deeper/c.json", content: new Blob(['{"c": 1}\n']) },
  ],
})).commit.oid);
await attempt("listFiles", async () => {
  const files = [];
  for await (const f of listFiles({ hubUrl, credentials, repo: model, recursive: true })) files.push({ path: f.path, type: f.type, size: f.size, oid: f.oid });
  return files;
});
await attempt("downloadFile", async () => {
  const blob = await downloadFile({ hubUrl, credentials, repo: model, path: "dir/sub/b.bin" });
  const bytes = new Uint8Array(await blob.arrayBuffer());
  return bytes.length === binary.length && bytes.every((b, i) => b === binary[i]);
});
await attempt("downloadReadme", async () => await (await downloadFile({ hubUrl, credentials, repo: model, path: "README.md" })).text());
await attempt("fileExists", async () => await fileExists({ hubUrl, credentials, repo: model, path: "dir/a.txt" }));
await attempt("fileMissing", async () => await fileExists({ hubUrl, credentials, repo: model, path: "dir/nope.txt" }));
await attempt("deleteFile", async () => (await deleteFile({ hubUrl, credentials, repo: model, path: "dir/a.txt" })).commit.oid);
await attempt("existsAfterDelete", async () => await fileExists({ hubUrl, credentials, repo: model, path: "dir/a.txt" }));
await attempt("uploadLeak", async () => (await uploadFile({ hubUrl, credentials, repo: model, file: { path: "src/app.py", content: new Blob([process.env.LEAK]) } })).commit.oid);
await attempt("uploadThirdPartyPublic", async () => (await uploadFile({ hubUrl, credentials, repo: dataset, file: { path: "config.env", content: new Blob([process.env.THIRD_PARTY]) } })).commit.oid);
await attempt("uploadThirdPartyPrivate", async () => {
  const out = await uploadFile({ hubUrl, credentials, repo: space, file: { path: "config.env", content: new Blob([process.env.THIRD_PARTY]) } });
  return { oid: out.commit.oid, hookOutput: out.hookOutput };
});
await attempt("headAfter", async () => (await modelInfo({ hubUrl, credentials, name: model.name, additionalFields: ["sha"] })).sha);

process.stdout.write(JSON.stringify(result));
