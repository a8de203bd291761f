package fazt.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.core.Fazt;
import fazt.core.FaztException;
import fazt.core.backup.PeerBackups;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /api/system…}: health, settings, backup, the owner's credentials. */
final class SystemRoutes {
    private final Fazt fazt;

    SystemRoutes(Fazt fazt) {
        this.fazt = fazt;
    }

    /** Body {@code {username, password}}: new owner credentials ({@code username} null keeps it); every owner session ends. */
    Object setOwner(ApiCall call) {
        JsonNode body = call.json();
        return fazt.ownerAccount().changeCredentials(ApiCall.text(body, "username"), ApiCall.text(body, "password"));
    }

    /** {@code {password}}: the password made for an owner who had none (shown this once), else {@code {}}. */
    Object generateOwnerPassword(ApiCall call) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("password", fazt.ownerAccount().generatePasswordIfMissing().orElse(null));
        return out;
    }

    Object health(ApiCall call) {
        return fazt.health();
    }

    Object config(ApiCall call) {
        return fazt.settings();
    }

    /** Body {@code {"key": "value", …}}: every key is checked before any is stored. */
    Object setConfig(ApiCall call) {
        JsonNode body = call.json();
        Map<String, String> values = new LinkedHashMap<>();
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!body.get(key).isValueNode()) throw FaztException.invalid("setting " + key + " must be a plain value");
            values.put(key, body.get(key).asText());
        }
        fazt.config().storeAll(values);
        return fazt.settings();
    }

    /** A consistent copy of data.db, made now, sent as a download and then removed. */
    Object backup(ApiCall call) {
        try {
            Path dir = Files.createTempDirectory("fazt-backup");
            Path copy = dir.resolve("data.db");
            fazt.database().backupTo(copy);
            return new Download(copy, "fazt-backup.db");
        } catch (IOException e) {
            throw new FaztException(FaztException.Kind.UNAVAILABLE, "BACKUP_FAILED", "cannot make a backup: " + e.getMessage());
        }
    }

    /**
     * A linked peer's backup ({@code backup_to_peer} there): the raw data.db file as the body, at
     * most {@code max_upload_bytes}, with {@code ?from=} (the sender) and {@code ?keep=}; kept
     * beside data.db, not in it.
     */
    Object storePeerBackup(ApiCall call) {
        Long keep = ApiCall.wholeNumber(call.query("keep"), "keep");
        byte[] copy = call.body(fazt.apps().limits().maxUploadBytes());
        return fazt.peerBackups().store(call.query("from"), copy, keep == null ? PeerBackups.DEFAULT_KEPT
                : Math.clamp(keep, Integer.MIN_VALUE, Integer.MAX_VALUE));
    }

    /** A temporary file to stream to the client and delete afterwards. */
    record Download(Path file, String filename) {}

}
