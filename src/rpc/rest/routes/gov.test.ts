import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GOV_AUTHORITY } from "../../../modules/gov/content.js";
import { encodeAddress, moduleAddress } from "../../../types/address.js";
import { AppHarness } from "../../../testing/app-harness.js";
import type { RestNode } from "../route.js";
import { startRestServer, type RestServer } from "../server.js";

function appNode(chain: AppHarness): RestNode {
  const unused = () => {
    throw new Error("not used by the gov routes");
  };
  return { abciQuery: (request) => chain.app.query(request), nodeInfo: unused, syncInfo: unused, block: unused, tx: unused, txSearch: unused, abciInfo: unused, broadcastTx: unused };
}

const voter = encodeAddress(new Uint8Array(20).fill(9));
const proposer = encodeAddress(new Uint8Array(20).fill(8));
const deposit = [{ denom: "uxprt", amount: "512000000" }];

describe("gov REST routes", () => {
  let chain: AppHarness;
  let server: RestServer;

  const get = async (path: string) => {
    const response = await fetch(`${server.address}${path}`);
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    const gov = {
      starting_proposal_id: "2",
      proposals: [
        {
          id: "1",
          messages: [{ "@type": "/cosmos.gov.v1.MsgExecLegacyContent", content: { "@type": "/cosmos.gov.v1beta1.TextProposal", title: "Signal", description: "Text" }, authority: GOV_AUTHORITY }],
          status: "PROPOSAL_STATUS_VOTING_PERIOD",
          final_tally_result: { yes_count: "0", abstain_count: "0", no_count: "0", no_with_veto_count: "0" },
          submit_time: "2023-11-14T22:13:20Z",
          deposit_end_time: "2023-11-16T22:13:20Z",
          total_deposit: deposit,
          voting_start_time: "2023-11-14T22:13:20Z",
          voting_end_time: "2030-01-01T00:00:00Z",
          metadata: "",
          title: "Signal",
          summary: "Text",
          proposer,
          expedited: false,
          failed_reason: "",
        },
      ],
      deposits: [{ proposal_id: "1", depositor: proposer, amount: deposit }],
      votes: [{ proposal_id: "1", voter, options: [{ option: "VOTE_OPTION_YES", weight: "0.5" }, { option: "VOTE_OPTION_NO", weight: "0.5" }], metadata: "" }],
    };
    const bank = { balances: [{ address: encodeAddress(moduleAddress("gov")), coins: deposit }] };
    chain = await AppHarness.start({ genesis: { bank, gov } });
    await chain.block([]);
    server = await startRestServer({ node: appNode(chain), host: "127.0.0.1", port: 0 });
  });
  afterAll(async () => {
    await server.close();
    await chain.close();
  });

  it("lists v1beta1 proposals with their legacy content, as Keplr reads them", async () => {
    const { status, json } = await get("/cosmos/gov/v1beta1/proposals?proposal_status=PROPOSAL_STATUS_VOTING_PERIOD");
    expect(status).toBe(200);
    const [proposal] = json.proposals as Record<string, unknown>[];
    expect(proposal).toMatchObject({
      proposal_id: "1",
      content: { "@type": "/cosmos.gov.v1beta1.TextProposal", title: "Signal", description: "Text" },
      status: "PROPOSAL_STATUS_VOTING_PERIOD",
      total_deposit: deposit,
      voting_end_time: "2030-01-01T00:00:00Z",
    });
    expect((await get("/cosmos/gov/v1beta1/proposals?proposal_status=PROPOSAL_STATUS_PASSED")).json.proposals).toEqual([]);
  });

  it("serves v1 proposals with their messages, votes with decimal weights in both versions", async () => {
    const v1 = await get("/cosmos/gov/v1/proposals/1");
    expect((v1.json.proposal as { messages: unknown[] }).messages).toEqual([
      { "@type": "/cosmos.gov.v1.MsgExecLegacyContent", content: { "@type": "/cosmos.gov.v1beta1.TextProposal", title: "Signal", description: "Text" }, authority: GOV_AUTHORITY },
    ]);
    expect((await get(`/cosmos/gov/v1beta1/proposals/1/votes/${voter}`)).json.vote).toEqual({
      proposal_id: "1",
      voter,
      option: "VOTE_OPTION_UNSPECIFIED",
      options: [
        { option: "VOTE_OPTION_YES", weight: "0.500000000000000000" },
        { option: "VOTE_OPTION_NO", weight: "0.500000000000000000" },
      ],
    });
    expect(((await get("/cosmos/gov/v1/proposals/1/votes")).json.votes as { options: unknown }[])[0]!.options).toEqual([
      { option: "VOTE_OPTION_YES", weight: "0.500000000000000000" },
      { option: "VOTE_OPTION_NO", weight: "0.500000000000000000" },
    ]);
    expect((await get(`/cosmos/gov/v1beta1/proposals/1/deposits/${proposer}`)).json.deposit).toEqual({ proposal_id: "1", depositor: proposer, amount: deposit });
    expect((await get("/cosmos/gov/v1beta1/proposals/1/tally")).json.tally).toEqual({ yes: "0", abstain: "0", no: "0", no_with_veto: "0" });
  });

  it("serves params by type, and 404 for an unknown proposal", async () => {
    const tallying = await get("/cosmos/gov/v1beta1/params/tallying");
    expect(tallying.json.tally_params).toEqual({ quorum: "0.334000000000000000", threshold: "0.500000000000000000", veto_threshold: "0.334000000000000000" });
    const v1 = await get("/cosmos/gov/v1/params/voting");
    expect(v1.json.params).toMatchObject({ voting_period: "172800s", quorum: "0.334000000000000000" });
    expect((await get("/cosmos/gov/v1beta1/proposals/7")).status).toBe(404);
    expect((await get("/cosmos/gov/v1beta1/params/bogus")).status).toBe(400);
  });
});
