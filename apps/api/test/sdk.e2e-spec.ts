import { ApiError, WalletClient } from '@wallet/sdk';
import { expectLedgerHolds } from '@wallet/testing/db';
import { newKey } from '@wallet/testing/money';
import { ADMIN_SECRET, startApi, stopApi, TestApi } from '@wallet/testing/test-app';
import { newUserBody } from '@wallet/testing/users';

/** The generated client (libs/sdk) against the running API: proof that the SDK works (issue 7). */
describe('the generated SDK', () => {
  let api: TestApi;
  let base: string;

  beforeAll(async () => {
    api = await startApi();
    base = api.url;
  });
  afterEach(() => expectLedgerHolds());
  afterAll(() => stopApi(api));

  async function signedIn(credentials: { email: string; password: string }, admin = false) {
    const anonymous = new WalletClient({ BASE: base });
    const session = admin
      ? await anonymous.auth.loginAdmin({ requestBody: credentials })
      : await anonymous.auth.login({ requestBody: credentials });
    return { client: new WalletClient({ BASE: base, TOKEN: session.accessToken }), session };
  }

  it('registers, deposits, transfers and reads history entirely through the SDK', async () => {
    const anonymous = new WalletClient({ BASE: base });
    const adminBody = newUserBody('sdk-admin');
    await anonymous.auth.registerAdmin({ xAdminSecret: ADMIN_SECRET, requestBody: adminBody });
    const adaBody = newUserBody('sdk-ada');
    const graceBody = newUserBody('sdk-grace');
    const ada = await anonymous.auth.register({ requestBody: adaBody });
    const grace = await anonymous.auth.register({ requestBody: graceBody });
    expect(ada).toMatchObject({ email: adaBody.email, role: 'user', status: 'active' });

    const { client: admin } = await signedIn(credentialsOf(adminBody), true);
    const deposit = await admin.admin.deposit({
      id: ada.id,
      idempotencyKey: newKey(),
      requestBody: { amount: 5_000 },
    });
    expect(deposit).toMatchObject({ type: 'deposit', amount: 5_000, status: 'SUCCESS', balanceAfter: 5_000 });

    const { client: adaClient, session } = await signedIn(credentialsOf(adaBody));
    expect(session.expiresIn).toBe(30);
    const sent = await adaClient.wallet.transfer({
      idempotencyKey: newKey(),
      requestBody: { recipientEmail: graceBody.email, amount: 1_250 },
    });
    expect(sent).toMatchObject({
      type: 'transfer_out',
      amount: 1_250,
      balanceAfter: 3_750,
      counterpartyName: grace.name,
    });

    const history = await adaClient.wallet.getTransactions({});
    expect(history.items.map((row) => [row.type, row.amount])).toEqual([
      ['transfer_out', 1_250],
      ['deposit', 5_000],
    ]);
    const { client: graceClient } = await signedIn(credentialsOf(graceBody));
    expect((await graceClient.wallet.getWallet()).balance).toBe(1_250);
    const graceHistory = await graceClient.wallet.getTransactions({ type: 'transfer_in' });
    expect(graceHistory.items).toEqual([
      expect.objectContaining({ counterpartyName: ada.name, amount: 1_250 }),
    ]);
    const users = await admin.admin.listUsers({ search: adaBody.email });
    expect(users.items).toEqual([expect.objectContaining({ id: ada.id, balance: 3_750 })]);
  });

  it('surfaces refusals as ApiError with the problem+json body', async () => {
    const body = newUserBody('sdk-broke');
    await new WalletClient({ BASE: base }).auth.register({ requestBody: body });
    const { client } = await signedIn(credentialsOf(body));
    const error = await client.wallet
      .withdraw({ idempotencyKey: newKey(), requestBody: { amount: 100 } })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(422);
    expect((error as ApiError).body).toMatchObject({
      code: 'INSUFFICIENT_FUNDS',
      transactionId: expect.any(String),
    });
  });
});

function credentialsOf({ email, password }: { email: string; password: string }) {
  return { email, password };
}
