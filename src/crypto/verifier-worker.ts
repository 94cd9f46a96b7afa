// A worker thread of SignatureVerifierPool: each message is one batch packed by
// packSignatureChecks; the reply holds one verdict per check, in order (1 valid, 0 not).
import { parentPort } from "node:worker_threads";
import { verifySecp256k1Signature } from "./secp256k1.js";
import { unpackSignatureChecks } from "./signature-batch.js";

if (!parentPort) throw new Error("verifier-worker.js runs only as a worker thread");
const port = parentPort;

port.on("message", (batch: ArrayBuffer) => {
  const checks = unpackSignatureChecks(batch);
  const verdicts = new Uint8Array(checks.length);
  checks.forEach((check, i) => {
    verdicts[i] = verifySecp256k1Signature(check.publicKey, check.signBytes, check.signature) ? 1 : 0;
  });
  port.postMessage(verdicts, [verdicts.buffer]);
});
