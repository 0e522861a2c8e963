'use strict';
// Events (Store=false) through kubemq-js 1.2.3: publish/subscribe, wildcards, consumer groups, the send stream and
// the publish validation errors. Reference: shared/kubemq-protocol.md sections 4, 5.1 and 7.

const { EventsClient } = require('kubemq-js');
const { run, waitFor, text, bytes, describeError } = require('./lib/harness');
const { open, collect, withoutProbes, primeEvents } = require('./lib/kubemq');

const DELIVERY_TIMEOUT_MS = 10000;
const asEvent = (m) => ({ id: m.id, channel: m.channel, metadata: m.metadata, body: text(m.body) });

const scenarios = [
  {
    name: 'publish-subscribe-fan-out',
    // Every ungrouped subscriber gets a copy, with EventID, concrete Channel, Metadata and Body as sent (5.1).
    async run(ctx) {
      const channel = ctx.channel('orders');
      const publisher = open(ctx, EventsClient, 'pub');
      const subscriber = open(ctx, EventsClient, 'sub');
      const first = await collect(ctx, subscriber, { channel }, asEvent);
      const second = await collect(ctx, subscriber, { channel }, asEvent);
      const primed = await primeEvents(publisher, channel, [first, second]);

      const sent = [1, 2, 3].map((i) => ({ id: `evt-${i}-${ctx.clientId('id')}`, channel, metadata: `meta-${i}`, body: `body-${i}` }));
      const sendResults = [];
      for (const e of sent) sendResults.push(await publisher.send({ ...e, body: bytes(e.body) }));
      await waitFor(() => withoutProbes(first.received).length >= 3 && withoutProbes(second.received).length >= 3, DELIVERY_TIMEOUT_MS);

      return {
        expected: { primed: true, sendResults: sent.map((e) => ({ id: e.id, sent: true })), firstSubscriber: sent, secondSubscriber: sent, streamErrors: [] },
        actual: {
          primed,
          sendResults,
          firstSubscriber: withoutProbes(first.received),
          secondSubscriber: withoutProbes(second.received),
          streamErrors: [...first.errors, ...second.errors],
        },
      };
    },
  },
  {
    name: 'wildcard-subscriptions',
    // '*' matches exactly one token, '>' one or more trailing tokens; the received Channel is the published one (4).
    async run(ctx) {
      const root = ctx.channel('shop');
      const publisher = open(ctx, EventsClient, 'pub');
      const subscriber = open(ctx, EventsClient, 'sub');
      const star = await collect(ctx, subscriber, { channel: `${root}.orders.*` }, asEvent);
      const tail = await collect(ctx, subscriber, { channel: `${root}.orders.>` }, asEvent);
      const primed = await primeEvents(publisher, `${root}.orders.probe`, [star, tail]);

      const published = [`${root}.orders.created`, `${root}.orders.eu.created`, `${root}.orders`, `${root}.payments.created`, `${root}.orders.shipped`];
      for (const channel of published) await publisher.send({ channel, metadata: 'wildcard', body: bytes(channel) });
      // Delivery is in publish order per subscriber, so once the last matching event arrived nothing else is due.
      const last = `${root}.orders.shipped`;
      await waitFor(() => star.received.some((e) => e.channel === last) && tail.received.some((e) => e.channel === last), DELIVERY_TIMEOUT_MS);

      const channelsOf = (sink) => withoutProbes(sink.received).map((e) => e.channel.slice(root.length + 1));
      return {
        expected: { primed: true, 'orders.*': ['orders.created', 'orders.shipped'], 'orders.>': ['orders.created', 'orders.eu.created', 'orders.shipped'] },
        actual: { primed, 'orders.*': channelsOf(star), 'orders.>': channelsOf(tail) },
      };
    },
  },
  {
    name: 'group-of-two-receives-each-message-once',
    // A group is a queue group: each message reaches exactly one member; an ungrouped subscriber still gets all (5.1).
    async run(ctx) {
      const channel = ctx.channel('billing');
      const group = `workers-${ctx.clientId('g')}`;
      const publisher = open(ctx, EventsClient, 'pub');
      const subscriber = open(ctx, EventsClient, 'sub');
      const memberA = await collect(ctx, subscriber, { channel, group }, asEvent);
      const primedA = await primeEvents(publisher, channel, [memberA]);
      const memberB = await collect(ctx, subscriber, { channel, group }, asEvent);
      const primedB = await primeEvents(publisher, channel, [memberB]);
      const witness = await collect(ctx, subscriber, { channel }, asEvent);
      const primedWitness = await primeEvents(publisher, channel, [witness]);

      const ids = [];
      for (let i = 1; i <= 20; i++) {
        const id = `grp-${i}-${ctx.clientId('id')}`;
        ids.push(id);
        await publisher.send({ id, channel, metadata: 'group', body: bytes(String(i)) });
      }
      const realIds = (sink) => withoutProbes(sink.received).map((e) => e.id);
      await waitFor(() => realIds(memberA).length + realIds(memberB).length >= 20 && realIds(witness).length >= 20, DELIVERY_TIMEOUT_MS);
      // Flush: once both members have seen a probe sent after the 20, a duplicate of any of them would have arrived.
      const flushed = await primeEvents(publisher, channel, [memberA, memberB]);

      const sorted = (list) => [...list].sort();
      return {
        expected: { primed: [true, true, true], flushed: true, groupReceivedEachOnce: sorted(ids), witness: ids, streamErrors: [] },
        actual: {
          primed: [primedA, primedB, primedWitness],
          flushed,
          groupReceivedEachOnce: sorted([...realIds(memberA), ...realIds(memberB)]),
          witness: realIds(witness),
          streamErrors: [...memberA.errors, ...memberB.errors, ...witness.errors],
        },
      };
    },
  },
  {
    name: 'send-events-stream',
    // SendEventsStream: each event is routed on its own; an invalid one is reported in-band and does not end the
    // stream, so events written after it are still delivered (5.1).
    async run(ctx) {
      const root = ctx.channel('stream');
      const channel = `${root}.ok`;
      const publisher = open(ctx, EventsClient, 'pub');
      const subscriber = open(ctx, EventsClient, 'sub');
      const sink = await collect(ctx, subscriber, { channel }, asEvent);
      const primed = await primeEvents(publisher, channel, [sink]);

      const writeErrors = [];
      const stream = await publisher.stream((error) => {
        if (error) writeErrors.push(describeError(error));
      });
      const bodies = ['s1', 's2', 's3', 's4', 's5'];
      for (const [i, body] of bodies.entries()) {
        if (i === 2) stream.write({ channel: `${root}.*`, metadata: 'stream', body: bytes('invalid') });
        stream.write({ channel, metadata: 'stream', body: bytes(body) });
      }
      await waitFor(() => withoutProbes(sink.received).length >= bodies.length, DELIVERY_TIMEOUT_MS);
      stream.end();

      return {
        expected: { primed: true, delivered: bodies, writeErrors: [] },
        actual: { primed, delivered: withoutProbes(sink.received).map((e) => e.body), writeErrors },
      };
    },
  },
  {
    name: 'publish-to-wildcard-channel-is-rejected',
    async run(ctx) {
      const publisher = open(ctx, EventsClient, 'pub');
      const outcome = await publisher.send({ channel: `${ctx.channel('bad')}.*`, metadata: 'm', body: bytes('b') }).then(() => 'accepted', describeError);
      return { expected: { code: 13, details: 'Error 107: invalid channel value, no wildcards are allowed' }, actual: outcome };
    },
  },
  {
    name: 'publish-empty-event-is-rejected',
    async run(ctx) {
      const publisher = open(ctx, EventsClient, 'pub');
      const outcome = await publisher.send({ channel: ctx.channel('empty'), metadata: '', body: bytes('') }).then(() => 'accepted', describeError);
      return { expected: { code: 13, details: 'Error 110: invalid message, cannot be empty' }, actual: outcome };
    },
  },
];

run('events.js', scenarios);
