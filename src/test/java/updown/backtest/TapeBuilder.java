package updown.backtest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import updown.record.RecordSource;
import updown.record.TapeRecord;
import updown.record.TapeWriter;

/** Writes what a record source yields to a tape directory, as the recorder would. */
final class TapeBuilder {
    private TapeBuilder() {
    }

    static long copy(RecordSource source, Path dir) throws IOException {
        long n = 0;
        try (TapeWriter w = new TapeWriter(dir); source) {
            List<TapeRecord> batch = new ArrayList<>(4096);
            for (TapeRecord r = source.next(); r != null; r = source.next()) {
                batch.add(r);
                if (batch.size() == 4096) {
                    w.append(batch);
                    n += batch.size();
                    batch.clear();
                }
            }
            w.append(batch);
            n += batch.size();
        }
        return n;
    }

    static void write(Path dir, List<TapeRecord> records) throws IOException {
        try (TapeWriter w = new TapeWriter(dir)) {
            w.append(records);
        }
    }
}
