package updown.record;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The segment files of a tape directory: listing in time order and retention. Blocking file I/O. */
public final class TapeFiles {
    private static final Logger LOG = LoggerFactory.getLogger(TapeFiles.class);

    private TapeFiles() {
    }

    /** Segment files of {@code dir} sorted by time (name); other files are ignored. Empty if dir does not exist. */
    public static List<Path> segments(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*" + TapeFormat.SUFFIX)) {
            for (Path p : ds) {
                if (Files.isRegularFile(p) && TapeFormat.segmentStart(p.getFileName().toString()).isPresent()) {
                    out.add(p);
                }
            }
        }
        out.sort(Comparator.comparing(p -> p.getFileName().toString()));
        return out;
    }

    /**
     * Deletes the segments of UTC days before {@code today − retentionDays} (with 30 days kept, on 2026-05-12 the
     * segments of 2026-04-11 and earlier go). Returns how many were deleted; a file that cannot be deleted is logged
     * and left.
     */
    public static int deleteOlderThan(Path dir, LocalDate today, int retentionDays) throws IOException {
        LocalDate oldestKept = today.minusDays(retentionDays);
        int deleted = 0;
        for (Path p : segments(dir)) {
            Optional<Instant> start = TapeFormat.segmentStart(p.getFileName().toString());
            if (start.isPresent() && TapeFormat.utcDate(start.get()).isBefore(oldestKept)) {
                try {
                    Files.delete(p);
                    deleted++;
                } catch (IOException e) {
                    LOG.warn("tape: cannot delete {}: {}", p, e.toString());
                }
            }
        }
        if (deleted > 0) {
            LOG.info("tape: deleted {} segment(s) older than {} day(s)", deleted, retentionDays);
        }
        return deleted;
    }
}
