package io.socialcrm.generate;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Orders: a baseline purchase process per customer (independent of social media), plus orders induced by
 * touches: each touch on the brand's content may lead, 1 to 30 days later, to an order (the truth records the
 * customer's touches in the 30 days before each induced order). Cancellations and refunds arrive as a second
 * row on a later day.
 */
final class OrderGenerator {
  private OrderGenerator() {}

  static final int BASELINE = 0;
  static final int INDUCED = 1;
  /** How far back an order's status may still change (refunds up to 20 days later). */
  static final int STATUS_WINDOW_DAYS = 20;
  static final long ATTRIBUTION_WINDOW = 30 * Times.DAY;

  /** A placed order; {@code cause} is the touch that led to an induced order. */
  record Order(int customer, int day, int type, long time, Touch cause, World world) {
    long index() {
      long perDay = 2L * world.customers;
      return day * perDay + 2L * customer + type;
    }

    String id() {
      return Ids.orderId(index());
    }

    /** The number on the receipt (what customers quote in posts). */
    String number() {
      String digits = String.format("%08d", Ids.scramble(Long.parseLong(id().substring(1)), 100_000_000L, 55_555_555L));
      return "NW-" + Times.date(world.date(day)).substring(2).replace("-", "") + "-" + digits;
    }
  }

  /** One row of the orders table. */
  record Row(Order order, BigDecimal amount, String currency, String status, String promoCode, String campaignId,
      String channel, long updatedAt) {}

  private static double propensity(World w, int c) {
    return Rng.lognormalWeight(Rng.of(w.seed, Rng.ORDER_BASE, c, -1), 0.8) / 80.0;
  }

  /** The customer's baseline order on a day, or null. */
  static Order baseline(World w, int c, int day) {
    int created = w.createdDay(c);
    if (day < 0 || day >= w.days || created > day) {
      return null;
    }
    SplittableRandom r = Rng.of(w.seed, Rng.ORDER_BASE, c, day);
    if (created == day) {
      if (r.nextDouble() >= 0.6) {
        return null;
      }
      long createdAt = CustomerGenerator.contact(w, c).createdAt();
      long time = Math.min(createdAt + 5 * Times.MINUTE + r.nextLong(55 * Times.MINUTE),
          w.dayStart(day + 1) - Times.SECOND);
      return new Order(c, day, BASELINE, Times.seconds(time), null, w);
    }
    if (r.nextDouble() >= propensity(w, c)) {
      return null;
    }
    return new Order(c, day, BASELINE, w.dayStart(day) + Diurnal.timeOfDay(r), null, w);
  }

  /** The customer's latest baseline order before {@code time} within two weeks, or null. */
  static Order recentBaseline(World w, int c, int day, long time) {
    for (int d = day; d >= Math.max(0, day - 14); d--) {
      Order o = baseline(w, c, d);
      if (o != null && o.time() < time) {
        return o;
      }
    }
    return null;
  }

  private static double inductionProbability(String touchType) {
    return switch (touchType) {
      case "utm_click" -> 0.30;
      case "link_share" -> 0.20;
      case "reply", "quote" -> 0.15;
      case "repost", "comment" -> 0.12;
      default -> 0.08;
    };
  }

  /** The order induced on {@code day} by the customer's earlier touches, or null (at most one per day). */
  static Order induced(World w, int c, int day, List<Touch> touches) {
    int created = w.createdDay(c);
    if (created > day) {
      return null;
    }
    Order best = null;
    for (Touch t : touches) {
      int touchDay = w.dayOf(t.time());
      if (touchDay >= day || touchDay < day - 30) {
        continue;
      }
      SplittableRandom r = Rng.of(w.seed, Rng.ORDER_INDUCED, c, t.eventId().hashCode(), t.time());
      if (r.nextDouble() >= inductionProbability(t.type())) {
        continue;
      }
      long delay = Times.DAY + (long) Math.min(29 * Times.DAY - Times.HOUR, Rng.exponential(r, 5 * Times.DAY));
      long time = Times.seconds(t.time() + delay);
      if (w.dayOf(time) == day && (best == null || time < best.time())) {
        best = new Order(c, day, INDUCED, time, t, w);
      }
    }
    if (best != null && created == day && best.time() <= CustomerGenerator.contact(w, c).createdAt()) {
      return null;
    }
    return best;
  }

  /** The orders the customer placed on a day ({@code touches} must cover the 30 days before it). */
  static List<Order> placed(World w, int c, int day, List<Touch> touches) {
    List<Order> out = new ArrayList<>(2);
    Order b = baseline(w, c, day);
    if (b != null) {
      out.add(b);
    }
    Order i = touches.isEmpty() ? null : induced(w, c, day, touches);
    if (i != null) {
      out.add(i);
    }
    return out;
  }

  /**
   * The rows of the customer's orders that land on {@code day}: orders placed that day, and status changes
   * (cancelled, refunded) of earlier orders. {@code touches} must cover days [day - 50, day].
   */
  static List<Row> rowsOn(World w, int c, int day, List<Touch> touches) {
    List<Row> out = new ArrayList<>(1);
    Customer customer = null;
    for (int placedDay = Math.max(0, day - STATUS_WINDOW_DAYS); placedDay <= day; placedDay++) {
      for (Order o : placed(w, c, placedDay, touches)) {
        if (customer == null) {
          customer = CustomerGenerator.contact(w, c);
        }
        Row[] rows = rows(w, o, customer);
        for (Row row : rows) {
          if (row != null && w.dayOf(row.updatedAt()) == day) {
            out.add(row);
          }
        }
      }
    }
    return out;
  }

  /** The order's rows: as placed (paid), and the later status change if any (may land the same day). */
  static Row[] rows(World w, Order o, Customer customer) {
    SplittableRandom r = Rng.of(w.seed, Rng.ORDER_DETAIL, o.index());
    double base = Rng.lognormalWeight(r, 0.6) * 90 * switch (customer.segment()) {
      case "vip" -> 2.5;
      case "smb" -> 6;
      case "enterprise" -> 25;
      default -> 1;
    };
    String currency = customer.person().country().currency();
    double rate = switch (currency) {
      case "PLN" -> 4.3;
      case "USD" -> 1.08;
      case "GBP" -> 0.86;
      default -> 1;
    };
    BigDecimal amount = BigDecimal.valueOf(Math.max(5_00, Math.round(base * rate * 100)), 2);
    String promo = null;
    String campaign = null;
    String channel = r.nextDouble() < 0.65 ? "web" : r.nextDouble() < 0.77 ? "store" : "phone";
    if (o.cause() != null) {
      Campaign cause = campaignById(w, o.cause().campaignId());
      if (cause != null && r.nextDouble() < 0.7) {
        campaign = cause.id();
        promo = cause.promoCode() != null && r.nextDouble() < 0.4 ? cause.promoCode() : null;
      }
      if (o.cause().type().equals("utm_click")) {
        channel = "web";
      }
    } else if (r.nextDouble() < 0.08) {
      List<Campaign> running = w.running(0, "multi", o.day()).stream().filter(x -> x.promoCode() != null).toList();
      if (!running.isEmpty()) {
        Campaign c = running.get(r.nextInt(running.size()));
        campaign = c.id();
        promo = c.promoCode();
      }
    }
    double u = r.nextDouble();
    Row placed = new Row(o, amount, currency, "paid", promo, campaign, channel, o.time());
    if (u < 0.90) {
      return new Row[] {placed, null};
    }
    boolean cancelled = u < 0.96;
    long changeAt = Times.seconds(o.time() + (cancelled ? 10 * Times.MINUTE + r.nextLong(2 * Times.DAY)
        : 5 * Times.DAY + r.nextLong(15 * Times.DAY)));
    Row changed = new Row(o, amount, currency, cancelled ? "cancelled" : "refunded", promo, campaign, channel,
        changeAt);
    return w.dayOf(changeAt) == o.day() ? new Row[] {changed, null} : new Row[] {placed, changed};
  }

  static Campaign campaignById(World w, String id) {
    if (id == null) {
      return null;
    }
    int index = Integer.parseInt(id.substring(3)) - 1;
    return w.campaigns.get(index);
  }

  /** The truth rows of an induced order: the customer's touches in the 30 days before it. */
  static List<Touch> touchesBefore(Order o, List<Touch> touches) {
    List<Touch> out = new ArrayList<>();
    for (Touch t : touches) {
      if (t.time() < o.time() && t.time() >= o.time() - ATTRIBUTION_WINDOW) {
        out.add(t);
      }
    }
    return out;
  }
}
