'use strict';
// A kubemq-js 1.2.3 client calls a typed .NET responder (KubeMQ.Typed) using nothing but docs/wire-format.md:
// the method's wire name in Metadata, the arguments as UTF-8 JSON in Body (one argument bare, several as an object
// keyed by parameter name), the result as JSON in the reply Body, and failures as Executed=false with
// Error = "<exception type full name>: <message>".
//
// Needs a running typed responder: `node typed-query.js <address> --channel <channel>`, where the channel serves
//   [KubeMQChannel(channel)] interface ... {
//     Task<Product> Get(int id);                                   // Product(Id, Name = "Product {id}", Price = id * 1.5)
//     Task<IReadOnlyList<Product>> Search(string term, int limit); // limit products named "{term} {i}", Price = i
//     Task<Product> Fail(string reason);                           // throws InvalidOperationException("cannot serve {reason}")
//     Task<int> Announce(int id);                                  // publishes Announced(Get(id)) through a typed proxy
//   }
// and `--events-channel <channel>` names the typed events contract that Announce publishes to:
//   [KubeMQChannel(events channel, Pattern = Events)] interface ... { Task Announced(Product product); }
// (tests/KubeMQ.Conformance.Tests/TypedResponderConformanceTests.cs starts one.)

const { QueriesClient, EventsClient } = require('kubemq-js');
const { run, sleep, waitFor, text, bytes, describeError } = require('./lib/harness');
const { open, collect, withoutProbes, primeEvents } = require('./lib/kubemq');

const READY_TIMEOUT_MS = 10000;

function channelOf(ctx) {
  const channel = ctx.params.channel;
  if (!channel) throw new Error('typed-query.js needs --channel <channel of a typed responder>');
  return channel;
}

// A typed responder answers an unknown wire name with an error reply, which proves it is subscribed; until then the
// broker holds the probe for its timeout (Error 301).
async function waitForResponder(client, channel) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    try {
      await client.send({ channel, metadata: 'conformance-probe', body: bytes('null'), timeout: 500 });
      return true;
    } catch {
      await sleep(50);
    }
  }
  return false;
}

function jsonOrText(body) {
  const s = text(body);
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
}

async function query(ctx, metadata, body) {
  const client = open(ctx, QueriesClient, 'caller');
  const channel = channelOf(ctx);
  const ready = await waitForResponder(client, channel);
  const response = await client.send({ channel, metadata, body: bytes(body), timeout: 5000 }).catch(describeError);
  if (response.executed === undefined) return { ready, response };
  return {
    ready,
    response: { executed: response.executed, error: response.error, body: jsonOrText(response.body), contentType: contentType(response.tags) },
  };
}

function contentType(tags) {
  return tags && typeof tags.get === 'function' ? tags.get('content-type') || null : null;
}

const scenarios = [
  {
    name: 'typed-query-one-argument-is-a-bare-json-value',
    async run(ctx) {
      return {
        expected: { ready: true, response: { executed: true, error: '', body: { Id: 7, Name: 'Product 7', Price: 10.5 }, contentType: 'application/json' } },
        actual: await query(ctx, 'Get', '7'),
      };
    },
  },
  {
    name: 'typed-query-several-arguments-are-an-object-by-parameter-name',
    async run(ctx) {
      return {
        expected: {
          ready: true,
          response: {
            executed: true,
            error: '',
            body: [{ Id: 1, Name: 'lamp 1', Price: 1 }, { Id: 2, Name: 'lamp 2', Price: 2 }],
            contentType: 'application/json',
          },
        },
        // Order does not matter and unknown properties are skipped.
        actual: await query(ctx, 'Search', '{"limit":2,"term":"lamp","addedLater":true}'),
      };
    },
  },
  {
    name: 'typed-query-responder-exception-is-an-error-reply',
    async run(ctx) {
      return {
        expected: { ready: true, response: { executed: false, error: 'System.InvalidOperationException: cannot serve lamps', body: '', contentType: null } },
        actual: await query(ctx, 'Fail', '"lamps"'),
      };
    },
  },
  {
    name: 'typed-query-malformed-body-is-an-error-reply',
    async run(ctx) {
      const outcome = await query(ctx, 'Get', '{oops');
      const error = outcome.response && outcome.response.error;
      return {
        expected: { ready: true, executed: false, errorType: 'KubeMQ.Typed.KubeMQPayloadException' },
        actual: {
          ready: outcome.ready,
          executed: outcome.response && outcome.response.executed,
          errorType: typeof error === 'string' ? error.split(': ')[0] : error,
        },
      };
    },
  },
  {
    name: 'typed-event-from-a-typed-proxy-is-consumed-as-plain-json',
    // A kubemq-js subscriber reads what a .NET typed proxy publishes: wire name in Metadata, the one argument as bare
    // JSON, the content-type tag. The query makes the .NET side publish once the subscription is proven live.
    async run(ctx) {
      const eventsChannel = ctx.params['events-channel'];
      if (!eventsChannel) throw new Error('typed-query.js needs --events-channel <channel of a typed events contract>');
      const subscriber = open(ctx, EventsClient, 'subscriber');
      const sink = await collect(ctx, subscriber, { channel: eventsChannel },
        (m) => ({ metadata: m.metadata, body: jsonOrText(m.body), contentType: contentType(m.tags) }));
      const primed = await primeEvents(open(ctx, EventsClient, 'prober'), eventsChannel, [sink]);
      const outcome = await query(ctx, 'Announce', '5');
      await waitFor(() => withoutProbes(sink.received).length >= 1, 10000);
      return {
        expected: {
          primed: true,
          ready: true,
          response: { executed: true, error: '', body: 5, contentType: 'application/json' },
          events: [{ metadata: 'Announced', body: { Id: 5, Name: 'Product 5', Price: 7.5 }, contentType: 'application/json' }],
          streamErrors: [],
        },
        actual: { primed, ...outcome, events: withoutProbes(sink.received), streamErrors: sink.errors },
      };
    },
  },
];

run('typed-query.js', scenarios);
