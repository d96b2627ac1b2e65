// A real OpenID provider (the `oidc-provider` package) for Boardplan's sign-in tests
// (crates/web/tests/identity.rs). Configured by the test through OIDC_TEST_CONFIG (JSON):
//   { "client_id", "client_secret", "redirect_uri",
//     "accounts": { "<sub>": { "email": "...", "email_verified": true|false } } }
// It listens on a free loopback port and prints `listening http://127.0.0.1:PORT` once ready;
// the issuer is that address. It stops when its standard input closes (the test ended).
//
// Signing in: the login step is `GET /interaction/<uid>?sub=<account>`, which logs that account
// in as a person choosing it would; consent is given by the existing-grant hook, as for a
// first-party application.
//
// Test controls (what a provider misbehaving or an attacker would produce):
//   POST /test/next-id-token?mode=wrong_audience|expired|bad_signature|rotated
// changes the next ID token the token endpoint issues: re-signed by the provider's own key with
// another audience, or already expired; or signed by a key the provider does not hold under its
// key id; or signed by a second key ("rotated") that the provider starts publishing then.

import http from 'node:http';
import Provider from 'oidc-provider';
import { CompactSign, decodeProtectedHeader, exportJWK, generateKeyPair } from 'jose';

const config = JSON.parse(process.env.OIDC_TEST_CONFIG);

async function key(kid) {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' };
  const pub = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  return { privateKey, jwk, pub };
}

const main = await key('main');
const rotated = await key('rotated');
const stranger = await key('main'); // same key id as the real one, different key
let published = [main.pub];
let nextMode = null;

async function resign(idToken, mode) {
  const [, body] = idToken.split('.');
  const claims = JSON.parse(Buffer.from(body, 'base64url').toString());
  const now = Math.floor(Date.now() / 1000);
  let signer = main;
  if (mode === 'wrong_audience') claims.aud = 'another-application';
  if (mode === 'expired') Object.assign(claims, { iat: now - 7200, exp: now - 3600 });
  if (mode === 'bad_signature') signer = stranger;
  if (mode === 'rotated') signer = rotated;
  const alg = decodeProtectedHeader(idToken).alg;
  return new CompactSign(Buffer.from(JSON.stringify(claims)))
    .setProtectedHeader({ alg, kid: signer.jwk.kid, typ: 'JWT' })
    .sign(signer.privateKey);
}

const server = http.createServer();
server.listen(0, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients: [{
      client_id: config.client_id,
      client_secret: config.client_secret,
      redirect_uris: [config.redirect_uri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post',
    }],
    jwks: { keys: [main.jwk] },
    cookies: { keys: ['only-for-tests'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    // Real providers put the e-mail claims in the ID token of the code flow too.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    pkce: { required: () => true },
    interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(ctx, sub) {
      const account = config.accounts[sub];
      if (!account) return undefined;
      return { accountId: sub, claims: async () => ({ sub, name: sub, ...account }) };
    },
    async loadExistingGrant(ctx) {
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client.clientId,
        accountId: ctx.oidc.session.accountId,
      });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
  });
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.oidc?.route === 'token' && ctx.body?.id_token && nextMode) {
      const mode = nextMode;
      nextMode = null;
      ctx.body = { ...ctx.body, id_token: await resign(ctx.body.id_token, mode) };
    }
  });
  const oidc = provider.callback();
  server.on('request', async (req, res) => {
    const url = new URL(req.url, issuer);
    try {
      if (url.pathname.startsWith('/interaction/')) {
        const sub = url.searchParams.get('sub');
        await provider.interactionFinished(req, res, { login: { accountId: sub } }, {
          mergeWithLastSubmission: false,
        });
      } else if (url.pathname === '/test/next-id-token' && req.method === 'POST') {
        nextMode = url.searchParams.get('mode');
        if (nextMode === 'rotated') published = [main.pub, rotated.pub];
        res.writeHead(204).end();
      } else if (url.pathname === '/jwks') {
        // The published keys, so that a rotation can add one.
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ keys: published }));
      } else {
        oidc(req, res);
      }
    } catch (e) {
      res.writeHead(500).end(String(e));
    }
  });
  console.log(`listening ${issuer}`);
});

process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
