package org.crosstradediscord.client;

import java.util.ArrayList;
import java.util.List;
import org.crosstradediscord.client.model.Account;
import org.crosstradediscord.client.model.AccountsResponse;
import org.crosstradediscord.client.model.Order;
import org.crosstradediscord.client.model.OrdersResponse;
import org.crosstradediscord.client.model.Position;
import org.crosstradediscord.client.model.PositionsResponse;
import org.crosstradediscord.client.model.WatermarksResponse;

/**
 * The read operations (GET) of {@link CrossTradeClient} (the public methods are its own): each validates its input
 * with {@link RequestRules}, then describes the {@link Call} that {@link #send} paces and sends; reads never go
 * through a {@link SendGate}. Not part of the API: extend nothing but {@link CrossTradeClient}.
 */
abstract class ReadOperations {
  /** The client's settings, transport, rate limiter and gate: what {@link #send} uses. */
  final ClientView view;

  ReadOperations(ClientView view) {
    this.view = view;
  }

  /**
   * List the user's accounts ({@code GET /v1/api/accounts}, operationId {@code listAccounts}; WebSocket
   * {@code ListAccounts}). Read-only.
   *
   * @return the accounts (list never null); each has at least a {@code name}
   * @throws CrossTradeException any upstream or transport failure (see its subtypes)
   */
  public AccountsResponse listAccounts() {
    return send(Call.of("listAccounts", AccountsResponse.class, api -> api.accounts().listAccountsWithHttpInfo(),
        ResponseChecks.read(AccountsResponse::getSuccess, AccountsResponse::getAccounts, "accounts")));
  }

  /**
   * One account with its values ({@code GET /v1/api/accounts/{account}}, operationId {@code getAccount}; WebSocket
   * {@code GetAccount}). Read-only. Money values ({@code item.cashValue}, {@code item.realizedProfitLoss},
   * {@code item.unrealizedProfitLoss}, {@code item.netLiquidation}) are in the account currency.
   *
   * @param account NT8 account name
   * @return the account ({@code name} never null; {@code item} may be null when the upstream omits it)
   * @throws InvalidRequestException account blank; nothing was sent
   * @throws CrossTradeException any upstream or transport failure (an unknown account is a
   *     {@link RequestRejectedException})
   */
  public Account getAccount(String account) {
    require(RequestRules.checkAccount(account));
    return send(Call.of("getAccount", Account.class, api -> api.accounts().getAccountWithHttpInfo(account),
        ResponseChecks.read(Account::getSuccess, Account::getName, "name")).parameter("account", account));
  }

  /**
   * The high-water marks and current P&amp;L statistics that CrossTrade's Account Manager keeps for one account
   * ({@code GET /v1/api/accounts/{account}/watermarks}, operationId {@code getWatermarks}; WebSocket
   * {@code GetWatermarks}; openapi.yaml, reference §4.1 GET Watermarks). Read-only. Answered by CrossTrade's server
   * itself, so it works while NinjaTrader or the add-on is offline (never {@link NinjaTraderNotConnectedException}).
   * Shape: {@code data.account}; {@code data.watermarks} with {@code pnlhigh}, {@code netliqhigh},
   * {@code unrealhigh} (the session's highs of total P&amp;L, net liquidation and unrealized P&amp;L; they reset at
   * 6 pm ET); {@code data.stats} with the current {@code pnl}, {@code total}, {@code unrealized}, {@code netliq},
   * {@code poscount} (open positions) and the same highs. Money in the account currency, as raw doubles. When the
   * account has no active monitor or no P&amp;L was reported this session, both objects are empty (every getter
   * null): treat that as unknown, never as zero.
   *
   * @param account NT8 account name; percent-encoded by the SDK
   * @return the watermarks ({@code data}, {@code data.watermarks} and {@code data.stats} never null)
   * @throws InvalidRequestException account blank; nothing was sent
   * @throws RequestRejectedException e.g. an unknown account (HTTP 400)
   * @throws CrossTradeException any other upstream or transport failure (see its subtypes; a read: nothing was
   *     changed)
   */
  public WatermarksResponse getWatermarks(String account) {
    require(RequestRules.checkAccount(account));
    return send(Call.of("getWatermarks", WatermarksResponse.class, api -> api.accounts()
        .getWatermarksWithHttpInfo(account), ResponseChecks.read(WatermarksResponse::getSuccess,
            r -> r.getData() == null || r.getData().getStats() == null ? null : r.getData().getWatermarks(),
            "data.watermarks and data.stats")).parameter("account", account));
  }

  /**
   * The open positions of one account ({@code GET /v1/api/accounts/{account}/positions}, operationId
   * {@code listPositions}; WebSocket {@code ListPositions}). Read-only. Prices ({@code averagePrice},
   * {@code marketPrice}) in instrument points, {@code unrealizedProfitLoss} in the account currency,
   * {@code quantity} unsigned with the side in {@code marketPosition}.
   *
   * @param account NT8 account name
   * @return the positions (list never null)
   * @throws InvalidRequestException account blank; nothing was sent
   * @throws CrossTradeException any upstream or transport failure
   */
  public PositionsResponse listPositions(String account) {
    require(RequestRules.checkAccount(account));
    return send(Call.of("listPositions", PositionsResponse.class, api -> api.positions()
        .listPositionsWithHttpInfo(account), ResponseChecks.read(PositionsResponse::getSuccess,
            PositionsResponse::getPositions, "positions")).parameter("account", account));
  }

  /**
   * Positions across all accounts ({@code GET /v1/api/positions?includeFlat=}, operationId {@code getAllPositions};
   * WebSocket {@code GetAllPositions}). Read-only. Units as {@link #listPositions(String)}.
   *
   * @param includeFlat true to include flat (quantity 0) positions; null or false for the upstream default
   *     (excluded); null sends no parameter
   * @return the positions (list never null) and, when the upstream sends it, {@code count}
   * @throws CrossTradeException any upstream or transport failure
   */
  public PositionsResponse getAllPositions(Boolean includeFlat) {
    return send(Call.of("getAllPositions", PositionsResponse.class, api -> api.positions()
        .getAllPositionsWithHttpInfo(includeFlat), ResponseChecks.read(PositionsResponse::getSuccess,
            PositionsResponse::getPositions, "positions")).parameter("includeFlat", includeFlat));
  }

  /**
   * The position of one account in one instrument ({@code GET /v1/api/accounts/{account}/position?instrument=},
   * operationId {@code getPosition}; WebSocket {@code GetPosition}). Read-only. Units as
   * {@link #listPositions(String)}; a flat position is {@code marketPosition} {@code Flat} with quantity 0 (the
   * upstream does not document it).
   *
   * @param account NT8 account name
   * @param instrument instrument, e.g. {@code ES 12-25}; percent-encoded by the SDK
   * @return the position ({@code marketPosition} never null)
   * @throws InvalidRequestException account or instrument blank; nothing was sent
   * @throws CrossTradeException any upstream or transport failure
   */
  public Position getPosition(String account, String instrument) {
    require(RequestRules.checkAccount(account), RequestRules.checkInstrument(instrument));
    return send(Call.of("getPosition", Position.class, api -> api.positions().getPositionWithHttpInfo(account,
        instrument), ResponseChecks.read(Position::getSuccess, Position::getMarketPosition, "marketPosition"))
        .parameter("account", account).parameter("instrument", instrument));
  }

  /**
   * The orders of one account ({@code GET /v1/api/accounts/{account}/orders}, operationId {@code listOrders};
   * WebSocket {@code ListOrders}). Read-only. Prices ({@code limitPrice}, {@code stopPrice},
   * {@code averageFillPrice}) in instrument points, 0 when not set; {@code orderState}, {@code orderType},
   * {@code orderAction} and {@code timeInForce} are NinjaTrader-cased open strings (e.g. {@code Working},
   * {@code Limit}, {@code Buy}, {@code Gtc}).
   *
   * @param account NT8 account name
   * @return the orders (list never null)
   * @throws InvalidRequestException account blank; nothing was sent
   * @throws CrossTradeException any upstream or transport failure
   */
  public OrdersResponse listOrders(String account) {
    require(RequestRules.checkAccount(account));
    return send(Call.of("listOrders", OrdersResponse.class, api -> api.orders().listOrdersWithHttpInfo(account),
        ResponseChecks.read(OrdersResponse::getSuccess, OrdersResponse::getOrders, "orders"))
        .parameter("account", account));
  }

  /**
   * One order ({@code GET /v1/api/accounts/{account}/orders/{orderId}}, operationId {@code getOrder}; WebSocket
   * {@code GetOrder}). Read-only. Units as {@link #listOrders(String)}.
   *
   * @param account NT8 account name
   * @param orderId the NT8 order id returned at placement
   * @return the order ({@code orderId} never blank)
   * @throws InvalidRequestException account or orderId blank; nothing was sent
   * @throws CrossTradeException any upstream or transport failure
   */
  public Order getOrder(String account, String orderId) {
    require(RequestRules.checkAccount(account), RequestRules.checkOrderId(orderId));
    return send(Call.of("getOrder", Order.class, api -> api.orders().getOrderWithHttpInfo(account, orderId),
        ResponseChecks.read(Order::getSuccess, Order::getOrderId, "orderId")).parameter("account", account)
        .parameter("orderId", orderId));
  }

  /**
   * Takes a rate-limiter token, then sends on the client's transport with its gate (run for writes only: the
   * call's row of the operations table decides).
   */
  final <T> T send(Call<T> call) {
    return view.send(call);
  }

  /** Throws {@link InvalidRequestException} with every violation of the groups, if any: nothing is sent then. */
  @SafeVarargs
  static void require(List<Violation>... groups) {
    for (List<Violation> g : groups) {
      if (!g.isEmpty()) {
        List<Violation> all = new ArrayList<>();
        for (List<Violation> each : groups) {
          all.addAll(each);
        }
        throw new InvalidRequestException(all);
      }
    }
  }
}
