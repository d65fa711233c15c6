package updown.chart;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import updown.domain.Kst;
import updown.domain.PortfolioCommand.EquityPoint;

/**
 * The equity (balance) curve as a PNG, drawn headless with XChart. One renderer for Telegram's /chart, the
 * dashboard's /api/chart.png and backtest reports, so all three show the same picture. Blocking (image encoding):
 * call it from a worker, never on an event loop.
 */
public final class EquityChart {
    public static final int WIDTH = 800;
    public static final int HEIGHT = 450;

    private EquityChart() {
    }

    /** Renders the curve; an empty curve gives an empty chart with a title saying so. */
    public static byte[] png(String title, List<EquityPoint> points, int width, int height) {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(width).height(height)
                .title(points.isEmpty() ? title + " (no data yet)" : title)
                .xAxisTitle("time (KST)").yAxisTitle("equity ($)").build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setChartTitleVisible(true);
        chart.getStyler().setDatePattern("MM-dd HH:mm");
        chart.getStyler().setTimezone(java.util.TimeZone.getTimeZone(Kst.ZONE));
        chart.getStyler().setPlotGridLinesVisible(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        List<Date> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (EquityPoint p : points) {
            xs.add(Date.from(p.at()));
            // plotting is the one place money becomes a double: pixels, not accounting
            ys.add(p.balance().toBigDecimal().doubleValue());
        }
        if (xs.isEmpty()) {
            xs.add(new Date(0));
            ys.add(0.0);
        }
        XYSeries s = chart.addSeries("balance", xs, ys);
        s.setMarker(SeriesMarkers.NONE);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] png(String title, List<EquityPoint> points) {
        return png(title, points, WIDTH, HEIGHT);
    }

    /**
     * Draws and encodes a throwaway chart of the usual size and a few hundred points: the first chart of a JVM loads
     * Java2D, its fonts and the PNG encoder and runs their rasterising and compressing code cold (~0.15 s). A batch
     * command calls this on a thread of its own while it works, so that its report's chart does not pay that at the
     * end. Blocking.
     */
    public static void warmUp() {
        List<EquityPoint> points = new ArrayList<>();
        java.time.Instant t = java.time.Instant.EPOCH;
        for (int i = 0; i < 400; i++) {
            points.add(new EquityPoint(t.plusSeconds(300L * i), updown.domain.Usd.ofCents(
                    100_000 + (i % 7) * 150 - i)));
        }
        png("warm-up", points);
    }
}
