package org.crosstradediscord.client;

import org.crosstradediscord.client.api.Operations.Operation;

/**
 * One way of reaching CrossTrade. Inputs are already validated and the rate-limiter token is taken. One method for
 * every operation: what is sent, and how, follows from the call's row of the generated operations table
 * ({@link Call#operation()}). No implementation re-sends a write; the REST transport may re-send a read
 * ({@link Operation#isRead()}, a GET) once when its connection failed before any response. Every write passes the
 * call's {@link SendGate} ({@link SendGates#pass}) immediately before the request is written; a refusal sends
 * nothing and propagates as {@link NotSentException}. Reads never run the gate.
 */
interface Transport extends AutoCloseable {
  /**
   * @param call the request
   * @param gate the caller's send gate, run for a write only
   * @return the checked answer
   * @throws CrossTradeException any failure, mapped by {@link ErrorMapper}
   */
  <T> T send(Call<T> call, SendGate gate);

  @Override
  void close();
}
