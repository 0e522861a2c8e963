'use strict';
// Events store (Store=true) through kubemq-js 1.2.3: every start position with the exact sequences it must replay,
// a consumer group, the send stream's per-event results and the subscription validation errors.
// Reference: shared/kubemq-protocol.md sections 5.2, 7 and 8. Sequences start at 1 per channel; timestamps are Unix
// nanoseconds; StartAtTime takes Unix nanoseconds and StartAtTimeDelta seconds.

const { EventsStoreClient, EventStoreType } = require('kubemq-js');
const { run, waitFor, sleep, text, bytes, range, describeError } = require('./lib/harness');
const { open, collect } = require('./lib/kubemq');

const DELIVERY_TIMEOUT_MS = 10000;
// Nothing may arrive after the expected sequences; this is how long "nothing" is watched for.
const QUIET_MS = 300;
const asStored = (m) => ({ sequence: Number(m.sequence), body: text(m.body), timestamp: Number(m.timestamp) });
const sequencesOf = (sink) => sink.received.map((m) => m.sequence);

// Stores events with bodies "from".."to" one after another, so their sequences are from..to on a fresh channel.
async function store(publisher, channel, from, to) {
  const results = [];
  for (let i = from; i <= to; i++) results.push(await publisher.send({ channel, metadata: 'store', body: bytes(String(i)) }));
  return results;
}

async function subscribeAt(ctx, channel, requestType, requestTypeValue = 0, group = '') {
  // A distinct ClientID per subscription: [S] keys events-store connections by ClientID (5.2).
  const subscriber = open(ctx, EventsStoreClient, 'sub');
  return collect(ctx, subscriber, { channel, group, clientId: ctx.clientId('sub'), requestType, requestTypeValue }, asStored);
}

// The stored part is replayed first; one more event proves the subscription then continues live.
async function replayThenLive(ctx, publisher, channel, sink, replayed) {
  await waitFor(() => sink.received.length >= replayed.length, DELIVERY_TIMEOUT_MS);
  await store(publisher, channel, 6, 6);
  await waitFor(() => sink.received.some((m) => m.sequence === 6), DELIVERY_TIMEOUT_MS);
  await sleep(QUIET_MS);
  return { sequences: sequencesOf(sink), bodies: sink.received.map((m) => m.body), streamErrors: sink.errors };
}

const expectReplay = (sequences) => ({ sequences, bodies: sequences.map(String), streamErrors: [] });

function rejection(name, channelSuffix, requestType, requestTypeValue, details) {
  return {
    name,
    async run(ctx) {
      const channel = ctx.channel('bad') + channelSuffix;
      const sink = await subscribeAt(ctx, channel, requestType, requestTypeValue);
      await waitFor(() => sink.errors.length > 0 || sink.received.length > 0, DELIVERY_TIMEOUT_MS);
      return { expected: { errors: [{ code: 13, details }], received: [] }, actual: { errors: sink.errors, received: sink.received } };
    },
  };
}

const scenarios = [
  {
    name: 'start-new-only',
    // Nothing stored before the subscription; everything stored after it, without gaps.
    async run(ctx) {
      const channel = ctx.channel('new-only');
      const publisher = open(ctx, EventsStoreClient, 'pub');
      await store(publisher, channel, 1, 5);
      const sink = await subscribeAt(ctx, channel, EventStoreType.StartNewOnly);
      // The subscription is live once an event stored after subscribing reaches it.
      let next = 6;
      const live = await (async () => {
        const deadline = Date.now() + DELIVERY_TIMEOUT_MS;
        while (Date.now() < deadline) {
          await store(publisher, channel, next, next);
          next++;
          if (await waitFor(() => sink.received.length > 0, 150)) return true;
        }
        return false;
      })();
      const firstLive = sink.received.length > 0 ? sink.received[0].sequence : null;
      await store(publisher, channel, next, next + 1);
      const last = next + 1;
      await waitFor(() => sink.received.some((m) => m.sequence === last), DELIVERY_TIMEOUT_MS);
      await sleep(QUIET_MS);
      const expectedSequences = firstLive !== null && firstLive >= 6 ? range(firstLive, last) : `a gap-free run from the first live sequence (>= 6) to ${last}`;
      return {
        expected: { live: true, storedBeforeSubscribe: [], sequences: expectedSequences, streamErrors: [] },
        actual: { live, storedBeforeSubscribe: sequencesOf(sink).filter((s) => s <= 5), sequences: sequencesOf(sink), streamErrors: sink.errors },
      };
    },
  },
  {
    name: 'start-from-first',
    // Also: send results, and timestamps in Unix nanoseconds near now (5.2, 8).
    async run(ctx) {
      const channel = ctx.channel('first');
      const publisher = open(ctx, EventsStoreClient, 'pub');
      const before = Date.now();
      const results = await store(publisher, channel, 1, 5);
      const after = Date.now();
      const sink = await subscribeAt(ctx, channel, EventStoreType.StartFromFirst);
      const replay = await replayThenLive(ctx, publisher, channel, sink, range(1, 5));
      const nanosNearNow = sink.received.slice(0, 5).every((m) => m.timestamp >= (before - 2000) * 1e6 && m.timestamp <= (after + 2000) * 1e6);
      return {
        expected: { sendResults: results.map((r) => ({ id: r.id, sent: true, error: '' })), ...expectReplay(range(1, 6)), timestampsAreUnixNanosOfSendTime: true },
        actual: {
          sendResults: results,
          ...replay,
          timestampsAreUnixNanosOfSendTime: nanosNearNow || sink.received.slice(0, 5).map((m) => m.timestamp),
        },
      };
    },
  },
  {
    name: 'start-from-last',
    // The last stored event, then new ones.
    async run(ctx) {
      const channel = ctx.channel('last');
      const publisher = open(ctx, EventsStoreClient, 'pub');
      await store(publisher, channel, 1, 5);
      const sink = await subscribeAt(ctx, channel, EventStoreType.StartFromLast);
      return { expected: expectReplay([5, 6]), actual: await replayThenLive(ctx, publisher, channel, sink, [5]) };
    },
  },
  {
    name: 'start-at-sequence',
    async run(ctx) {
      const channel = ctx.channel('at-seq');
      const publisher = open(ctx, EventsStoreClient, 'pub');
      await store(publisher, channel, 1, 5);
      const sink = await subscribeAt(ctx, channel, EventStoreType.StartAtSequence, 3);
      return { expected: expectReplay([3, 4, 5, 6]), actual: await replayThenLive(ctx, publisher, channel, sink, [3, 4, 5]) };
    },
  },
  {
    name: 'start-at-time',
    // The value is Unix nanoseconds: taken halfway between the server's own timestamps of events 2 and 3, so the
    // replay must start at 3 whatever the clock difference between this script and the server.
    async run(ctx) {
      const channel = ctx.channel('at-time');
      const publisher = open(ctx, EventsStoreClient, 'pub');
      await store(publisher, channel, 1, 2);
      await sleep(20); // keeps the midpoint well clear of both timestamps
      await store(publisher, channel, 3, 5);
      const reader = await subscribeAt(ctx, channel, EventStoreType.StartFromFirst);
      await waitFor(() => reader.received.length >= 5, DELIVERY_TIMEOUT_MS);
      if (reader.received.length < 5) return { expected: 'five stored events to read timestamps from', actual: { sequences: sequencesOf(reader), streamErrors: reader.errors }, pass: false };
      const midpoint = Math.floor((reader.received[1].timestamp + reader.received[2].timestamp) / 2);
      const sink = await subscribeAt(ctx, channel, EventStoreType.StartAtTime, midpoint);
      return { expected: expectReplay([3, 4, 5, 6]), actual: await replayThenLive(ctx, publisher, channel, sink, [3, 4, 5]) };
    },
  },
  {
    name: 'start-at-time-delta',
    // The value is seconds back from now: events 1-2 are 3.5 s old, events 3-5 fresh, the delta 2 s (a margin of
    // 1.5 s on one side and about 2 s on the other for a busy machine).
    async run(ctx) {
      const channel = ctx.channel('delta');
      const publisher = open(ctx, EventsStoreClient, 'pub');
      await store(publisher, channel, 1, 2);
      await sleep(3500);
      await store(publisher, channel, 3, 5);
      const sink = await subscribeAt(ctx, channel, EventStoreType.StartAtTimeDelta, 2);
      return { expected: expectReplay([3, 4, 5, 6]), actual: await replayThenLive(ctx, publisher, channel, sink, [3, 4, 5]) };
    },
  },
  {
    name: 'group-of-two-receives-each-event-once',
    // A group is a queue group: each stored event, replayed or live, reaches exactly one member.
    async run(ctx) {
      const channel = ctx.channel('group');
      const group = `g-${ctx.clientId('g')}`;
      const publisher = open(ctx, EventsStoreClient, 'pub');
      await store(publisher, channel, 1, 10);
      const memberA = await subscribeAt(ctx, channel, EventStoreType.StartFromFirst, 0, group);
      const memberB = await subscribeAt(ctx, channel, EventStoreType.StartFromFirst, 0, group);
      const all = () => [...sequencesOf(memberA), ...sequencesOf(memberB)].sort((a, b) => a - b);
      await waitFor(() => all().length >= 10, DELIVERY_TIMEOUT_MS);
      await store(publisher, channel, 11, 20);
      await waitFor(() => all().length >= 20, DELIVERY_TIMEOUT_MS);
      await sleep(QUIET_MS);
      return {
        expected: { sequencesAcrossMembers: range(1, 20), streamErrors: [] },
        actual: { sequencesAcrossMembers: all(), streamErrors: [...memberA.errors, ...memberB.errors] },
      };
    },
  },
  {
    name: 'send-stream-results',
    // SendEventsStream with Store=true answers every event: Sent=true, or Sent=false with the error text, and
    // the stream stays open after an invalid event (5.1).
    async run(ctx) {
      const root = ctx.channel('stream');
      const channel = `${root}.ok`;
      const publisher = open(ctx, EventsStoreClient, 'pub');
      const results = [];
      const transportErrors = [];
      const stream = await publisher.stream((error, result) => {
        if (error) transportErrors.push(describeError(error));
        else if (result) results.push(result);
      });
      const ids = ['a', 'b', 'bad', 'c'].map((tag) => `${tag}-${ctx.clientId('id')}`);
      stream.write({ id: ids[0], channel, metadata: 'stream', body: bytes('1') });
      stream.write({ id: ids[1], channel, metadata: 'stream', body: bytes('2') });
      stream.write({ id: ids[2], channel: `${root}.*`, metadata: 'stream', body: bytes('invalid') });
      stream.write({ id: ids[3], channel, metadata: 'stream', body: bytes('3') });
      await waitFor(() => results.length >= 4 || transportErrors.length > 0, DELIVERY_TIMEOUT_MS);
      stream.end();
      const sink = await subscribeAt(ctx, channel, EventStoreType.StartFromFirst);
      await waitFor(() => sink.received.length >= 3, DELIVERY_TIMEOUT_MS);
      await sleep(QUIET_MS);
      const byId = (list) => [...list].sort((x, y) => (x.id < y.id ? -1 : 1));
      return {
        expected: {
          results: byId([
            { id: ids[0], sent: true, error: '' },
            { id: ids[1], sent: true, error: '' },
            { id: ids[2], sent: false, error: 'Error 107: invalid channel value, no wildcards are allowed' },
            { id: ids[3], sent: true, error: '' },
          ]),
          transportErrors: [],
          stored: expectReplay([1, 2, 3]),
        },
        actual: {
          results: byId(results),
          transportErrors,
          stored: { sequences: sequencesOf(sink), bodies: sink.received.map((m) => m.body), streamErrors: sink.errors },
        },
      };
    },
  },
  rejection('subscribe-to-wildcard-channel-is-rejected', '.*', EventStoreType.StartFromFirst, 0, 'Error 107: invalid channel value, no wildcards are allowed'),
  rejection('undefined-start-position-is-rejected', '', 0, 0, 'Error 111: invalid subscription type, cannot be undefined or 0'),
  rejection('start-at-sequence-zero-is-rejected', '', EventStoreType.StartAtSequence, 0, 'Error 112: invalid subscription type start at sequence value, cannot by 0 or negative'),
  rejection('start-at-time-zero-is-rejected', '', EventStoreType.StartAtTime, 0, 'Error 113: invalid subscription type start at time value, cannot by 0 or negative'),
  rejection('start-at-time-delta-zero-is-rejected', '', EventStoreType.StartAtTimeDelta, 0, 'Error 114: invalid subscription type start at time delta value, cannot by 0 or negative'),
];

run('events-store.js', scenarios);
