'use strict';
// Commands through kubemq-js 1.2.3: executed and not-executed replies, the timeout with no responder, a responder
// group, and the send validation. Reference: shared/kubemq-protocol.md sections 5.3 and 7 (Timeout in ms; errors
// as gRPC Internal = 13 with the exact text).

const { CommandsClient } = require('kubemq-js');
const { run, text, bytes, describeError } = require('./lib/harness');
const { open, collect, isProbe, primeResponder } = require('./lib/kubemq');

const asRequest = (m) => ({ id: m.id, channel: m.channel, metadata: m.metadata, body: text(m.body), replyChannel: m.replyChannel });

// A responder that answers probes with Executed=true and real requests as `decide` says.
async function responder(ctx, channel, decide, group = '') {
  const client = open(ctx, CommandsClient, 'responder');
  const clientId = ctx.clientId('responder');
  const seen = [];
  const replyErrors = [];
  const sink = await collect(ctx, client, { channel, group, clientId }, (request) => {
    const reply = isProbe(request) ? { executed: true, error: '' } : decide(request);
    if (!isProbe(request)) seen.push(asRequest(request));
    client
      .response({ id: request.id, clientId, replyChannel: request.replyChannel, executed: reply.executed, error: reply.error })
      .catch((error) => replyErrors.push(describeError(error)));
    return request;
  });
  return { clientId, seen, replyErrors, sink };
}

function replyScenario(name, reply) {
  return {
    name,
    // The requester gets the responder's Executed, Error, ClientID and the RequestID it sent; the responder gets
    // the request as sent with ReplyChannel set by the server (5.3).
    async run(ctx) {
      const channel = ctx.channel('cmd');
      const sender = open(ctx, CommandsClient, 'sender');
      const target = await responder(ctx, channel, () => reply);
      const ready = await primeResponder(sender, channel);
      const id = `cmd-${ctx.clientId('id')}`;
      const response = await sender.send({ id, channel, metadata: 'reserve', body: bytes('sku-42'), timeout: 5000 }).catch(describeError);
      const actualResponse = response.executed === undefined ? response : { id: response.id, clientId: response.clientId, executed: response.executed, error: response.error };
      return {
        expected: {
          ready: true,
          response: { id, clientId: target.clientId, executed: reply.executed, error: reply.error },
          responderSaw: [{ id, channel, metadata: 'reserve', body: 'sku-42', replyChannel: 'set by the server' }],
          replyErrors: [],
        },
        actual: {
          ready,
          response: actualResponse,
          // kubemq-js itself puts the request channel into ReplyChannel, so only a different value shows the server set it.
          responderSaw: target.seen.map((r) => ({ ...r, replyChannel: r.replyChannel && r.replyChannel !== r.channel ? 'set by the server' : r.replyChannel })),
          replyErrors: [...target.replyErrors, ...target.sink.errors],
        },
      };
    },
  };
}

const scenarios = [
  replyScenario('executed-reply', { executed: true, error: '' }),
  replyScenario('not-executed-reply', { executed: false, error: 'stock is locked' }),
  {
    name: 'timeout-without-responder',
    // No responder: gRPC Internal with the exact text, only after the full Timeout (ms).
    async run(ctx) {
      const sender = open(ctx, CommandsClient, 'sender');
      const started = Date.now();
      const outcome = await sender.send({ channel: ctx.channel('nobody'), metadata: 'm', body: bytes('b'), timeout: 1000 }).then(() => 'answered', describeError);
      const waitedMs = Date.now() - started;
      return {
        expected: { code: 13, details: 'Error 301: timeout for request message', waitedAtLeastTheTimeout: true },
        actual: { ...(typeof outcome === 'object' ? outcome : { outcome }), waitedAtLeastTheTimeout: waitedMs >= 950 || `${waitedMs} ms` },
      };
    },
  },
  {
    name: 'group-of-two-responders-each-command-once',
    // A responder group is a queue group: each command reaches exactly one member, which answers it.
    async run(ctx) {
      const channel = ctx.channel('grp');
      const group = `g-${ctx.clientId('g')}`;
      const sender = open(ctx, CommandsClient, 'sender');
      const a = await responder(ctx, channel, () => ({ executed: true, error: '' }), group);
      const b = await responder(ctx, channel, () => ({ executed: true, error: '' }), group);
      // Both members are live once each has answered a probe (members are chosen per message).
      const bothAnswered = () => a.sink.received.some(isProbe) && b.sink.received.some(isProbe);
      const deadline = Date.now() + 10000;
      while (!bothAnswered() && Date.now() < deadline) await primeResponder(sender, channel);
      const ready = bothAnswered();
      const ids = [];
      const responses = [];
      for (let i = 1; i <= 8; i++) {
        const id = `g-${i}-${ctx.clientId('id')}`;
        ids.push(id);
        responses.push(await sender.send({ id, channel, metadata: 'group', body: bytes(String(i)), timeout: 5000 }).then((r) => r.executed, describeError));
      }
      const handled = [...a.seen, ...b.seen].map((r) => r.id).sort();
      return {
        expected: { ready: true, responses: ids.map(() => true), handledOnceEach: [...ids].sort() },
        actual: { ready, responses, handledOnceEach: handled },
      };
    },
  },
  {
    name: 'send-to-wildcard-channel-is-rejected',
    async run(ctx) {
      const sender = open(ctx, CommandsClient, 'sender');
      const outcome = await sender.send({ channel: `${ctx.channel('bad')}.>`, metadata: 'm', body: bytes('b'), timeout: 1000 }).then(() => 'answered', describeError);
      return { expected: { code: 13, details: 'Error 107: invalid channel value, no wildcards are allowed' }, actual: outcome };
    },
  },
];

run('commands.js', scenarios);
