'use strict';
// Queries through kubemq-js 1.2.3: the reply body round trip, the query cache, the timeout with no responder and
// the CacheKey/CacheTTL validation. Reference: shared/kubemq-protocol.md sections 5.3, 7, 8 and 12 (Timeout in ms,
// CacheTTL in seconds; a cached reply comes back with CacheHit=true without reaching a responder).
//
// kubemq-js 1.2.3's QueriesResponse leaves out CacheHit, so the cache scenarios send the same Request through the
// same client's generated stub (client.grpcClient, kubemq-js's own protos) and read the raw Response.

const { QueriesClient } = require('kubemq-js');
const pb = require('kubemq-js/lib/protos');
const { run, sleep, text, bytes, describeError } = require('./lib/harness');
const { open, collect, isProbe, primeResponder } = require('./lib/kubemq');

// A responder whose n-th real answer is `${prefix}${n}`, so a second answer can be told apart from a cached first.
async function responder(ctx, channel, prefix) {
  const client = open(ctx, QueriesClient, 'responder');
  const clientId = ctx.clientId('responder');
  const seen = [];
  const replyErrors = [];
  const sink = await collect(ctx, client, { channel, clientId }, (request) => {
    let reply = { body: bytes('probe'), metadata: 'probe' };
    if (!isProbe(request)) {
      seen.push({ id: request.id, channel: request.channel, metadata: request.metadata, body: text(request.body) });
      reply = { body: bytes(`${prefix}${seen.length}:${text(request.body)}`), metadata: `reply-meta-${seen.length}` };
    }
    client
      .response({ id: request.id, clientId, replyChannel: request.replyChannel, executed: true, error: '', ...reply })
      .catch((error) => replyErrors.push(describeError(error)));
    return request;
  });
  return { clientId, seen, replyErrors: () => [...replyErrors, ...sink.errors] };
}

function rawQuery(client, { channel, body, cacheKey, cacheTTL }) {
  const request = new pb.Request();
  request.setRequestid(`raw-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  request.setClientid(client.clientOptions.clientId);
  request.setChannel(channel);
  request.setMetadata('cached-query');
  request.setBody(bytes(body));
  request.setTimeout(5000);
  request.setRequesttypedata(2);
  request.setCachekey(cacheKey);
  request.setCachettl(cacheTTL);
  return new Promise((resolve) => {
    client.grpcClient.sendRequest(request, client.getMetadata(), (error, response) => {
      if (error) resolve(describeError(error));
      else resolve({ cacheHit: response.getCachehit(), executed: response.getExecuted(), error: response.getError(), body: text(response.getBody()) });
    });
  });
}

async function cacheScenario(ctx, ttlSeconds, pauseMs) {
  const channel = ctx.channel('cached');
  const sender = open(ctx, QueriesClient, 'sender');
  const target = await responder(ctx, channel, 'answer-');
  const ready = await primeResponder(sender, channel);
  const cacheKey = `key-${ctx.clientId('k')}`;
  const first = await rawQuery(sender, { channel, body: 'q', cacheKey, cacheTTL: ttlSeconds });
  const callsAfterFirst = target.seen.length;
  await sleep(pauseMs);
  const second = await rawQuery(sender, { channel, body: 'q', cacheKey, cacheTTL: ttlSeconds });
  return { ready, first, callsAfterFirst, second, callsAfterSecond: target.seen.length, replyErrors: target.replyErrors() };
}

const scenarios = [
  {
    name: 'reply-body-round-trip',
    // The requester gets the responder's Body, Metadata, Executed and Error and the RequestID it sent (5.3).
    async run(ctx) {
      const channel = ctx.channel('echo');
      const sender = open(ctx, QueriesClient, 'sender');
      const target = await responder(ctx, channel, 'reply-');
      const ready = await primeResponder(sender, channel);
      const id = `qry-${ctx.clientId('id')}`;
      const response = await sender.send({ id, channel, metadata: 'lookup', body: bytes('sku-7'), timeout: 5000 }).catch(describeError);
      const actualResponse = response.executed === undefined
        ? response
        : { id: response.id, clientId: response.clientId, executed: response.executed, error: response.error, body: text(response.body), metadata: response.metadata };
      return {
        expected: {
          ready: true,
          response: { id, clientId: target.clientId, executed: true, error: '', body: 'reply-1:sku-7', metadata: 'reply-meta-1' },
          responderSaw: [{ id, channel, metadata: 'lookup', body: 'sku-7' }],
          replyErrors: [],
        },
        actual: { ready, response: actualResponse, responderSaw: target.seen, replyErrors: target.replyErrors() },
      };
    },
  },
  {
    name: 'cache-miss-then-hit',
    // CacheTTL is seconds: with 5 s the second query, 1.2 s later, must still be a hit (a TTL read as ms would
    // have expired), and the responder must not be called again.
    async run(ctx) {
      const outcome = await cacheScenario(ctx, 5, 1200);
      return {
        expected: {
          ready: true,
          first: { cacheHit: false, executed: true, error: '', body: 'answer-1:q' },
          callsAfterFirst: 1,
          second: { cacheHit: true, executed: true, error: '', body: 'answer-1:q' },
          callsAfterSecond: 1,
          replyErrors: [],
        },
        actual: outcome,
      };
    },
  },
  {
    name: 'cache-entry-expires-after-ttl',
    async run(ctx) {
      const outcome = await cacheScenario(ctx, 1, 2000);
      return {
        expected: {
          ready: true,
          first: { cacheHit: false, executed: true, error: '', body: 'answer-1:q' },
          callsAfterFirst: 1,
          second: { cacheHit: false, executed: true, error: '', body: 'answer-2:q' },
          callsAfterSecond: 2,
          replyErrors: [],
        },
        actual: outcome,
      };
    },
  },
  {
    name: 'cache-key-without-ttl-is-rejected',
    async run(ctx) {
      const sender = open(ctx, QueriesClient, 'sender');
      const outcome = await sender
        .send({ channel: ctx.channel('ttl'), metadata: 'm', body: bytes('b'), timeout: 1000, cacheKey: 'k', cacheTTL: 0 })
        .then(() => 'answered', describeError);
      return { expected: { code: 13, details: 'Error 116: invalid cache ttl value, cannot be 0 or negative' }, actual: outcome };
    },
  },
  {
    name: 'timeout-without-responder',
    async run(ctx) {
      const sender = open(ctx, QueriesClient, 'sender');
      const started = Date.now();
      const outcome = await sender.send({ channel: ctx.channel('nobody'), metadata: 'm', body: bytes('b'), timeout: 1000 }).then(() => 'answered', describeError);
      const waitedMs = Date.now() - started;
      return {
        expected: { code: 13, details: 'Error 301: timeout for request message', waitedAtLeastTheTimeout: true },
        actual: { ...(typeof outcome === 'object' ? outcome : { outcome }), waitedAtLeastTheTimeout: waitedMs >= 950 || `${waitedMs} ms` },
      };
    },
  },
];

run('queries.js', scenarios);
