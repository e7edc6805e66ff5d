package org.crosstradediscord.bot.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bot's half of the launcher's class-data archive: the marker of a good start, the check that it was mapped. */
class CdsArchiveTest {
  @Test
  void marked_createsTheFileOnce_andNothingWithoutTheProperty(@TempDir Path dir) {
    Path ok = dir.resolve("crosstrade-bot-1-2.4242.ok");
    assertThat(CdsArchive.marked(null)).isFalse();
    assertThat(CdsArchive.marked(ok.toString())).isTrue();
    assertThat(ok).isEmptyFile();
    assertThat(CdsArchive.marked(ok.toString())).as("already there").isTrue();
    assertThat(CdsArchive.marked(dir.resolve("gone/x.ok").toString())).as("cannot create: no archive, no failure")
        .isFalse();
  }

  @Test
  void checked_keepsAMappedArchive_deletesOneTheJvmRefused(@TempDir Path dir) throws Exception {
    Path archive = Files.writeString(dir.resolve("crosstrade-bot-1-2.5.jsa"), "12345");
    Path link = Files.createSymbolicLink(dir.resolve("via-link.jsa"), archive);
    Path maps = Files.writeString(dir.resolve("maps"),
        "7f0000000000-7f0000001000 r--p 00000000 08:01 123 /usr/lib/jvm/java-17/lib/server/classes.jsa\n"
            + "800000000-800001000 rw-p 00000000 08:01 456                        " + archive.toRealPath() + "\n");
    assertThat(CdsArchive.checked(null, maps)).isFalse();
    assertThat(CdsArchive.checked(link.toString(), maps)).as("mapped, named through a symlink").isFalse();
    assertThat(archive).exists();
    assertThat(CdsArchive.checked(archive.toString(), dir.resolve("no-such-maps"))).as("cannot tell: keep").isFalse();
    assertThat(archive).exists();

    Files.writeString(maps, "7f0000000000-7f0000001000 r--p 00000000 08:01 123 /usr/lib/jvm/x/lib/server/classes.jsa\n");
    assertThat(CdsArchive.checked(archive.toString(), maps)).isTrue();
    assertThat(archive).doesNotExist();
  }
}
