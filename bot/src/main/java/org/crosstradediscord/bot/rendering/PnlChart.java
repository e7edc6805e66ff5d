package org.crosstradediscord.bot.rendering;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.SimpleDateFormat;
import java.util.Locale;
import java.util.TimeZone;
import org.crosstradediscord.bot.report.SessionReport;
import org.crosstradediscord.bot.store.PnlSample;
import org.crosstradediscord.bot.text.DiscordText;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The session report's chart: total P&amp;L (realized + unrealized) and realized P&amp;L through the session, as a PNG of
 * {@value #WIDTH}×{@value #HEIGHT} pixels (tens of KiB: far under Discord's 10 MiB per file). Drawn with JFreeChart
 * on a headless AWT ({@code java.awt.headless=true}, set here unless the JVM was started with it).
 */
public final class PnlChart {
  /** Width in pixels. */
  public static final int WIDTH = 800;
  /** Height in pixels. */
  public static final int HEIGHT = 400;

  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true"); // no display: before the first AWT class loads
    }
  }

  private PnlChart() {}

  /**
   * @param report one account's session, with at least one sample of a known total ({@code !stats().empty()})
   * @return the PNG's bytes
   * @throws IllegalArgumentException the report has nothing to draw
   * @throws RuntimeException the chart cannot be drawn (e.g. no font on the machine): the caller shows the table
   *     without it
   */
  public static byte[] png(SessionReport report) {
    if (report.stats().empty()) {
      throw new IllegalArgumentException("no sample to draw");
    }
    XYSeries total = new XYSeries("Total (realized + unrealized)", true, true);
    XYSeries realized = new XYSeries("Realized", true, true);
    for (PnlSample s : report.samples()) {
      long x = s.at().toEpochMilli();
      Double t = s.total();
      if (t != null && Double.isFinite(t)) {
        total.add(x, t);
      }
      if (s.realized() != null && Double.isFinite(s.realized())) {
        realized.add(x, s.realized());
      }
    }
    XYSeriesCollection data = new XYSeriesCollection();
    data.addSeries(total);
    data.addSeries(realized);
    String zone = report.zone().getId();
    JFreeChart chart = ChartFactory.createTimeSeriesChart(
        DiscordText.oneLine(report.account(), 60) + " — session " + report.session().day(), "Time (" + zone + ")", "P&L", data, true, false, false);
    chart.setBackgroundPaint(Color.WHITE);
    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(new Color(0xDDDDDD));
    plot.setRangeGridlinePaint(new Color(0xDDDDDD));
    plot.addRangeMarker(new ValueMarker(0, Color.GRAY, new BasicStroke(1f)));
    DateAxis axis = (DateAxis) plot.getDomainAxis();
    TimeZone tz = TimeZone.getTimeZone(report.zone());
    axis.setTimeZone(tz);
    SimpleDateFormat hm = new SimpleDateFormat("HH:mm", Locale.ROOT);
    hm.setTimeZone(tz);
    axis.setDateFormatOverride(hm);
    XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, total.getItemCount() < 3);
    lines.setSeriesPaint(0, new Color(0x2E86C1));
    lines.setSeriesStroke(0, new BasicStroke(2f));
    lines.setSeriesPaint(1, new Color(0x27AE60));
    lines.setSeriesStroke(1, new BasicStroke(1.5f));
    plot.setRenderer(lines);
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    try {
      ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
