'use strict';
// Queues through kubemq-js 1.2.3: send, batch, receive (pull), peek, ack-all, delay, expiration, dead-letter after
// MaxReceiveCount, and the transactional StreamQueueMessage receive with ack, reject, extend visibility, visibility
// expiry and both resends. Reference: shared/kubemq-protocol.md sections 5.4, 7 and 8 (policy values in seconds,
// timestamps in Unix nanoseconds, sequences from 1 per queue, ReceiveCount 1 on the first delivery).

const { QueuesClient } = require('kubemq-js');
const { run, sleep, withTimeout, text, bytes, describeError } = require('./lib/harness');
const { open } = require('./lib/kubemq');

const STREAM_TIMEOUT_MS = 10000;
const NS_PER_S = 1e9;

// Protobuf int64 values reach JavaScript as doubles: exact to about 256 ns at today's Unix time in nanoseconds.
const ROUNDING_NS = 1e6;
const near = (value, target, tolerance) => Math.abs(Number(value) - target) <= tolerance;

const asMessage = (m) => ({
  id: m.id,
  channel: m.channel,
  metadata: m.metadata,
  body: text(m.body),
  sequence: Number(m.attributes.sequence),
  receiveCount: m.attributes.receiveCount,
  reRouted: m.attributes.reRouted,
  reRoutedFromQueue: m.attributes.reRoutedFromQueue,
});
const bodiesOf = (response) => (response.messages ? response.messages.map((m) => text(m.body)) : response);

async function send(client, channel, body, policy) {
  return client.send({ channel, metadata: 'queue', body: bytes(body), ...(policy ? { policy } : {}) });
}

async function pull(client, channel, maxNumberOfMessages, waitTimeoutSeconds = 1) {
  return client.pull({ channel, maxNumberOfMessages, waitTimeoutSeconds }).catch(describeError);
}

const summary = (response) => response.messages
  ? { isError: response.isError, error: response.error, messagesReceived: response.messagesReceived, messagesExpired: response.messagesExpired, messages: response.messages.map(asMessage) }
  : response;

/**
 * One StreamQueueMessage transaction through kubemq-js: ReceiveMessage, then `act(message)` on the delivered
 * message. Resolves when the server ends the stream, with the messages and in-band errors the stream carried.
 */
async function transaction(client, request, act) {
  const messages = [];
  const errors = [];
  const acts = [];
  const ended = client.transaction({ visibilitySeconds: 10, waitTimeoutSeconds: 2, ...request }, (error, delivery) => {
    // kubemq-js also calls back with (undefined, null) once its own write is flushed.
    if (error) errors.push(error.message || describeError(error));
    if (!delivery) return;
    messages.push(asMessage(delivery.message));
    acts.push(Promise.resolve().then(() => act(delivery)).catch((e) => errors.push(`act: ${e && e.message}`)));
  });
  const end = await withTimeout(ended, STREAM_TIMEOUT_MS, 'StreamQueueMessage').then(() => 'ended by server', (e) => describeError(e));
  await Promise.all(acts);
  return { messages, errors, end };
}

const scenarios = [
  {
    name: 'send-and-receive',
    // SendQueueMessage answers MessageID and SentAt (ns, now) with no delay/expiration; the receive returns the
    // message as sent with Sequence 1 and ReceiveCount 1, and removes it.
    async run(ctx) {
      const channel = ctx.channel('q');
      const client = open(ctx, QueuesClient, 'q');
      const id = `m-${ctx.clientId('id')}`;
      const before = Date.now();
      const result = await client.send({ id, channel, metadata: 'meta-1', body: bytes('hello') });
      const after = Date.now();
      const received = await pull(client, channel, 1);
      const again = await pull(client, channel, 1);
      return {
        expected: {
          result: { id, isError: false, error: '', sentAtIsUnixNanosOfSendTime: true, delayedTo: 0, expirationAt: 0 },
          received: { isError: false, error: '', messagesReceived: 1, messagesExpired: 0, messages: [{ id, channel, metadata: 'meta-1', body: 'hello', sequence: 1, receiveCount: 1, reRouted: false, reRoutedFromQueue: '' }] },
          receivedAgain: [],
        },
        actual: {
          result: {
            id: result.id,
            isError: result.isError,
            error: result.error,
            sentAtIsUnixNanosOfSendTime: (Number(result.sentAt) >= (before - 2000) * 1e6 && Number(result.sentAt) <= (after + 2000) * 1e6) || result.sentAt,
            delayedTo: Number(result.delayedTo),
            expirationAt: Number(result.expirationAt),
          },
          received: summary(received),
          receivedAgain: bodiesOf(again),
        },
      };
    },
  },
  {
    name: 'send-batch',
    // One result per message in request order; the queue then holds them in that order with sequences 1..3.
    async run(ctx) {
      const channel = ctx.channel('q');
      const client = open(ctx, QueuesClient, 'q');
      const ids = [1, 2, 3].map((i) => `b${i}-${ctx.clientId('id')}`);
      const results = await client.batch(ids.map((id, i) => ({ id, channel, metadata: 'batch', body: bytes(`b${i + 1}`) })));
      const received = await pull(client, channel, 3);
      return {
        expected: {
          results: ids.map((id) => ({ id, isError: false, error: '' })),
          received: { bodies: ['b1', 'b2', 'b3'], sequences: [1, 2, 3], ids },
        },
        actual: {
          results: results.map((r) => ({ id: r.id, isError: r.isError, error: r.error })),
          received: received.messages
            ? { bodies: bodiesOf(received), sequences: received.messages.map((m) => Number(m.attributes.sequence)), ids: received.messages.map((m) => m.id) }
            : received,
        },
      };
    },
  },
  {
    name: 'peek-leaves-messages-in-the-queue',
    async run(ctx) {
      const channel = ctx.channel('q');
      const client = open(ctx, QueuesClient, 'q');
      await send(client, channel, 'p1');
      await send(client, channel, 'p2');
      const peeked = await client.peek({ channel, maxNumberOfMessages: 2, waitTimeoutSeconds: 1 }).catch(describeError);
      const pulled = await pull(client, channel, 2);
      return {
        expected: { peeked: ['p1', 'p2'], peekError: '', pulledAfterPeek: ['p1', 'p2'] },
        actual: { peeked: bodiesOf(peeked), peekError: peeked.error, pulledAfterPeek: bodiesOf(pulled) },
      };
    },
  },
  {
    name: 'ack-all',
    // AckAllQueueMessages removes every waiting message and reports how many.
    async run(ctx) {
      const channel = ctx.channel('q');
      const client = open(ctx, QueuesClient, 'q');
      for (const body of ['a1', 'a2', 'a3']) await send(client, channel, body);
      const acked = await client.ackAll({ channel, waitTimeoutSeconds: 1 }).catch(describeError);
      const left = await pull(client, channel, 10);
      return {
        expected: { affectedMessages: 3, isError: false, error: '', left: [] },
        actual: { affectedMessages: Number(acked.affectedMessages), isError: acked.isError, error: acked.error, left: bodiesOf(left) },
      };
    },
  },
  {
    name: 'delay',
    // DelaySeconds 3: DelayedTo = SentAt + 3 s, invisible before, delivered after.
    async run(ctx) {
      const channel = ctx.channel('q');
      const client = open(ctx, QueuesClient, 'q');
      const result = await send(client, channel, 'later', { delaySeconds: 3 });
      const early = await pull(client, channel, 1, 1);
      const late = await pull(client, channel, 1, 6);
      return {
        expected: { isError: false, delayedToIsSentAtPlus3s: true, expirationAt: 0, beforeDelay: [], afterDelay: ['later'] },
        actual: {
          isError: result.isError,
          delayedToIsSentAtPlus3s: near(result.delayedTo, Number(result.sentAt) + 3 * NS_PER_S, ROUNDING_NS) || { sentAt: result.sentAt, delayedTo: result.delayedTo },
          expirationAt: Number(result.expirationAt),
          beforeDelay: bodiesOf(early),
          afterDelay: bodiesOf(late),
        },
      };
    },
  },
  {
    name: 'expiration',
    // ExpirationSeconds 1: ExpirationAt = SentAt + 1 s; once expired the message is not returned and is counted in
    // MessagesExpired, while a message without expiration sent after it is still delivered.
    async run(ctx) {
      const channel = ctx.channel('q');
      const client = open(ctx, QueuesClient, 'q');
      const result = await send(client, channel, 'short-lived', { expirationSeconds: 1 });
      await send(client, channel, 'durable');
      await sleep(1600);
      const response = await pull(client, channel, 1, 1);
      return {
        expected: { isError: false, expirationAtIsSentAtPlus1s: true, delayedTo: 0, received: ['durable'], messagesExpired: 1 },
        actual: {
          isError: result.isError,
          expirationAtIsSentAtPlus1s: near(result.expirationAt, Number(result.sentAt) + NS_PER_S, ROUNDING_NS) || { sentAt: result.sentAt, expirationAt: result.expirationAt },
          delayedTo: Number(result.delayedTo),
          received: bodiesOf(response),
          messagesExpired: response.messagesExpired,
        },
      };
    },
  },
  {
    name: 'dead-letter-after-max-receive-count',
    // MaxReceiveCount 2: delivered twice (ReceiveCount 1, 2), rejected twice, then moved to MaxReceiveQueue with
    // ReRouted=true and ReRoutedFromQueue=<queue>; its first delivery there has ReceiveCount 1.
    async run(ctx) {
      const channel = ctx.channel('q');
      const deadLetters = ctx.channel('dlq');
      const client = open(ctx, QueuesClient, 'q');
      const id = `dl-${ctx.clientId('id')}`;
      await client.send({ id, channel, metadata: 'queue', body: bytes('poison'), policy: { maxReceiveCount: 2, maxReceiveQueue: deadLetters } });
      const first = await transaction(client, { channel }, (d) => d.reject());
      const second = await transaction(client, { channel }, (d) => d.reject());
      const leftInQueue = await pull(client, channel, 1);
      const dead = await pull(client, deadLetters, 1);
      return {
        expected: {
          deliveries: [[{ body: 'poison', receiveCount: 1 }], [{ body: 'poison', receiveCount: 2 }]],
          streamErrors: [[], []],
          leftInQueue: [],
          deadLetter: [{ id, channel: deadLetters, body: 'poison', receiveCount: 1, reRouted: true, reRoutedFromQueue: channel }],
        },
        actual: {
          deliveries: [first, second].map((t) => t.messages.map((m) => ({ body: m.body, receiveCount: m.receiveCount }))),
          streamErrors: [first.errors, second.errors],
          leftInQueue: bodiesOf(leftInQueue),
          deadLetter: dead.messages
            ? dead.messages.map(asMessage).map((m) => ({ id: m.id, channel: m.channel, body: m.body, receiveCount: m.receiveCount, reRouted: m.reRouted, reRoutedFromQueue: m.reRoutedFromQueue }))
            : dead,
        },
      };
    },
  },
  {
    name: 'stream-receive-and-ack',
    // ReceiveMessage delivers the first message; AckMessage with its sequence removes it and ends the stream.
    async run(ctx) {
      const channel = ctx.channel('q');
      const client = open(ctx, QueuesClient, 'q');
      await send(client, channel, 'tx-1');
      await send(client, channel, 'tx-2');
      const tx = await transaction(client, { channel }, (d) => d.ack());
      const rest = await pull(client, channel, 2);
      return {
        expected: { delivered: [{ body: 'tx-1', sequence: 1, receiveCount: 1 }], errors: [], end: 'ended by server', left: ['tx-2'] },
        actual: { delivered: tx.messages.map((m) => ({ body: m.body, sequence: m.sequence, receiveCount: m.receiveCount })), errors: tx.errors, end: tx.end, left: bodiesOf(rest) },
      };
    },
  },
  {
    name: 'stream-reject-redelivers',
    // RejectMessage re-publishes the message to the same queue: new, higher sequence and ReceiveCount 2 next time.
    async run(ctx) {
      const channel = ctx.channel('q');
      const client = open(ctx, QueuesClient, 'q');
      await send(client, channel, 'again');
      const tx = await transaction(client, { channel }, (d) => d.reject());
      const redelivered = await pull(client, channel, 1);
      const msg = redelivered.messages && redelivered.messages[0] ? asMessage(redelivered.messages[0]) : null;
      return {
        expected: { delivered: [{ body: 'again', receiveCount: 1 }], errors: [], end: 'ended by server', redelivered: { body: 'again', receiveCount: 2, sequenceHigherThanOriginal: true } },
        actual: {
          delivered: tx.messages.map((m) => ({ body: m.body, receiveCount: m.receiveCount })),
          errors: tx.errors,
          end: tx.end,
          redelivered: msg ? { body: msg.body, receiveCount: msg.receiveCount, sequenceHigherThanOriginal: tx.messages.length > 0 && msg.sequence > tx.messages[0].sequence } : summary(redelivered),
        },
      };
    },
  },
  {
    name: 'stream-extend-visibility',
    // Visibility 2 s extended to 10 s at once: 2.6 s later the message is still held, so the ack succeeds.
    async run(ctx) {
      const channel = ctx.channel('q');
      const client = open(ctx, QueuesClient, 'q');
      await send(client, channel, 'slow-work');
      const tx = await transaction(client, { channel, visibilitySeconds: 2 }, async (d) => {
        await d.extendVisibility(10);
        await sleep(2600);
        await d.ack();
      });
      const left = await pull(client, channel, 1);
      return {
        expected: { delivered: ['slow-work'], errors: [], end: 'ended by server', left: [] },
        actual: { delivered: tx.messages.map((m) => m.body), errors: tx.errors, end: tx.end, left: bodiesOf(left) },
      };
    },
  },
  {
    name: 'stream-visibility-expiry',
    // Without the extension the 1 s visibility runs out: Error 129 ends the stream, and the message is re-published
    // (ReceiveCount 2 on its next delivery).
    async run(ctx) {
      const channel = ctx.channel('q');
      const client = open(ctx, QueuesClient, 'q');
      await send(client, channel, 'forgotten');
      const tx = await transaction(client, { channel, visibilitySeconds: 1 }, () => {});
      const redelivered = await pull(client, channel, 1);
      return {
        expected: { delivered: ['forgotten'], errors: ['Error 129: current visibility timer expired'], end: 'ended by server', redelivered: [{ body: 'forgotten', receiveCount: 2 }] },
        actual: {
          delivered: tx.messages.map((m) => m.body),
          errors: tx.errors,
          end: tx.end,
          redelivered: redelivered.messages ? redelivered.messages.map(asMessage).map((m) => ({ body: m.body, receiveCount: m.receiveCount })) : redelivered,
        },
      };
    },
  },
  {
    name: 'stream-resend-to-channel',
    // ResendMessage sends a copy to another queue (attributes reset: ReceiveCount 1 there) and acks the original.
    async run(ctx) {
      const channel = ctx.channel('q');
      const target = ctx.channel('target');
      const client = open(ctx, QueuesClient, 'q');
      await send(client, channel, 'moved');
      const tx = await transaction(client, { channel }, (d) => d.resendToChannel(target));
      const source = await pull(client, channel, 1);
      const moved = await pull(client, target, 1);
      return {
        expected: { delivered: ['moved'], errors: [], end: 'ended by server', leftInSource: [], inTarget: [{ body: 'moved', channel: target, receiveCount: 1 }] },
        actual: {
          delivered: tx.messages.map((m) => m.body),
          errors: tx.errors,
          end: tx.end,
          leftInSource: bodiesOf(source),
          inTarget: moved.messages ? moved.messages.map(asMessage).map((m) => ({ body: m.body, channel: m.channel, receiveCount: m.receiveCount })) : moved,
        },
      };
    },
  },
  {
    name: 'stream-resend-modified-message',
    // SendModifiedMessage sends the given message as a new one and acks the original.
    async run(ctx) {
      const channel = ctx.channel('q');
      const target = ctx.channel('target');
      const client = open(ctx, QueuesClient, 'q');
      await send(client, channel, 'draft');
      const tx = await transaction(client, { channel }, (d) => d.resendNewMessage({ channel: target, metadata: 'edited', body: bytes('final') }));
      const source = await pull(client, channel, 1);
      const modified = await pull(client, target, 1);
      return {
        expected: { delivered: ['draft'], errors: [], end: 'ended by server', leftInSource: [], inTarget: [{ body: 'final', metadata: 'edited', receiveCount: 1 }] },
        actual: {
          delivered: tx.messages.map((m) => m.body),
          errors: tx.errors,
          end: tx.end,
          leftInSource: bodiesOf(source),
          inTarget: modified.messages ? modified.messages.map(asMessage).map((m) => ({ body: m.body, metadata: m.metadata, receiveCount: m.receiveCount })) : modified,
        },
      };
    },
  },
  {
    name: 'stream-receive-from-empty-queue',
    async run(ctx) {
      const client = open(ctx, QueuesClient, 'q');
      const tx = await transaction(client, { channel: ctx.channel('empty'), waitTimeoutSeconds: 1 }, () => {});
      return {
        expected: { delivered: [], errors: ['Error 138: no new message in queue, wait time expired'], end: 'ended by server' },
        actual: { delivered: tx.messages.map((m) => m.body), errors: tx.errors, end: tx.end },
      };
    },
  },
  {
    name: 'send-to-wildcard-queue-is-rejected-in-band',
    async run(ctx) {
      const client = open(ctx, QueuesClient, 'q');
      const result = await send(client, `${ctx.channel('bad')}.*`, 'x').catch(describeError);
      return {
        expected: { isError: true, error: 'Error 120: invalid queue name value, cannot be empty, contains wildcards ,white spaces and end with dot' },
        actual: result.isError === undefined ? result : { isError: result.isError, error: result.error },
      };
    },
  },
];

run('queues.js', scenarios);
