'use strict';
// kubemq-js usage shared by the scripts: opening clients that are closed after the scenario, collecting what a
// subscription delivers, and waiting until a subscription is live. kubemq-js resolves subscribe() before the server
// has registered the stream and offers no "ready" signal, and plain events are at-most-once, so readiness is proven
// by probe messages (metadata PROBE) that the scenarios then leave out of their results.

const { waitFor, describeError, bytes, sleep } = require('./harness');

const PROBE = 'conformance-probe';
const READY_TIMEOUT_MS = 10000;

function open(ctx, ClientClass, role) {
  // reconnectInterval 0: a cut subscription is a finding here, not something to paper over by resubscribing.
  const client = new ClientClass({ address: ctx.address, clientId: ctx.clientId(role), reconnectInterval: 0 });
  ctx.defer(() => client.close());
  return client;
}

// kubemq-js reports the end of a subscription stream through the callback's error argument; CANCELLED (1) is our own
// unsubscribe at cleanup and not a finding.
async function collect(ctx, client, request, map = (message) => message) {
  const received = [];
  const errors = [];
  const subscription = await client.subscribe(request, (error, message) => {
    if (error) {
      if (error.code !== 1) errors.push(describeError(error));
      return;
    }
    if (message) received.push(map(message));
  });
  ctx.defer(() => subscription.unsubscribe());
  return { received, errors };
}

const isProbe = (message) => message.metadata === PROBE;
const withoutProbes = (messages) => messages.filter((m) => !isProbe(m));

// Publishes probe events until every sink has seen at least one, so the events that follow reach live subscriptions.
// A consumer group gets each probe once, so for a group pass each member as a sink: a member that never gets one
// is either not subscribed or never chosen, and either way the scenario reports it.
async function primeEvents(publisher, channel, sinks) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  const starts = sinks.map((sink) => sink.received.length); // only probes of this call count
  let n = 0;
  while (Date.now() < deadline) {
    await publisher.send({ channel, metadata: PROBE, body: bytes(`probe-${++n}`) });
    if (await waitFor(() => sinks.every((sink, i) => sink.received.slice(starts[i]).some(isProbe)), 150)) return true;
  }
  return false;
}

// Sends probe requests with a short timeout until one is answered, proving a responder is subscribed.
async function primeResponder(requester, channel) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let n = 0;
  while (Date.now() < deadline) {
    try {
      const response = await requester.send({ channel, metadata: PROBE, body: bytes(`probe-${++n}`), timeout: 500 });
      if (response.executed) return true;
    } catch {
      await sleep(50); // Error 301 while the subscription is not registered yet.
    }
  }
  return false;
}

module.exports = { PROBE, open, collect, isProbe, withoutProbes, primeEvents, primeResponder };
