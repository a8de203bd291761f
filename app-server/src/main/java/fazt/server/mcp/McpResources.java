package fazt.server.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import fazt.core.FaztException;
import fazt.core.Json;
import fazt.core.Node;
import fazt.core.apps.Mime;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an agent can read before it changes anything: the functions reference and the app format
 * (the pages of docs/ that the build copies into the jar), and each app's file list and files.
 */
final class McpResources {
    static final String FILES_PREFIX = "fazt://apps/";

    private final Node node;
    private final WorkingCopies copies;

    McpResources(Node node, WorkingCopies copies) {
        this.node = node;
        this.copies = copies;
    }

    List<McpStatelessServerFeatures.SyncResourceSpecification> fixed() {
        return List.of(doc("functions", "Functions API reference: request, respond, fazt.storage, fazt.env, fazt.auth, logs, limits."),
                doc("apps", "The app format: files, manifest.json, api/, private/, SPA mode, deploys, versions."));
    }

    List<McpStatelessServerFeatures.SyncResourceTemplateSpecification> templates() {
        var list = McpSchema.ResourceTemplate.builder().uriTemplate(FILES_PREFIX + "{app}/files").name("app-files")
                .description("An app's files (path, size, type) in its active version, and its working copy.")
                .mimeType("application/json").build();
        var file = McpSchema.ResourceTemplate.builder().uriTemplate(FILES_PREFIX + "{app}/files/{path}").name("app-file")
                .description("One file of an app's active version (text, or base64 for images and other binaries);"
                        + " path URL-encoded (api%2Fmain.js).").build();
        return List.of(new McpStatelessServerFeatures.SyncResourceTemplateSpecification(list, (c, r) -> readFiles(r.uri())),
                new McpStatelessServerFeatures.SyncResourceTemplateSpecification(file, (c, r) -> readFile(r.uri())));
    }

    private McpStatelessServerFeatures.SyncResourceSpecification doc(String page, String description) {
        String uri = "fazt://docs/" + page;
        var resource = McpSchema.Resource.builder().uri(uri).name(page + ".md").description(description)
                .mimeType("text/markdown").build();
        return new McpStatelessServerFeatures.SyncResourceSpecification(resource,
                (c, r) -> text(uri, "text/markdown", shippedDoc(page)));
    }

    private static String shippedDoc(String page) {
        try (InputStream in = McpResources.class.getResourceAsStream("/fazt/docs/" + page + ".md")) {
            if (in == null) throw new IllegalStateException("docs/" + page + ".md was not packed into the jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private McpSchema.ReadResourceResult readFiles(String uri) {
        String app = segments(uri)[0];
        Map<String, Object> out = new LinkedHashMap<>();
        try {
            out.put("files", node.files(app));
        } catch (FaztException e) {
            throw notFound(uri, e);
        }
        out.put("workingCopy", copies.list(app));
        try {
            return text(uri, "application/json", Json.MAPPER.writeValueAsString(out));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private McpSchema.ReadResourceResult readFile(String uri) {
        String[] parts = segments(uri);
        String path = URLDecoder.decode(parts[2], StandardCharsets.UTF_8);
        try {
            byte[] bytes = node.fileContent(parts[0], path);
            String mime = Mime.forPath(path);
            if (mime.endsWith("charset=utf-8")) return text(uri, mime, new String(bytes, StandardCharsets.UTF_8));
            return new McpSchema.ReadResourceResult(List.of(
                    new McpSchema.BlobResourceContents(uri, mime, Base64.getEncoder().encodeToString(bytes))));
        } catch (FaztException e) {
            throw notFound(uri, e);
        }
    }

    /** {@code fazt://apps/APP/files[/PATH]} as [APP, "files", PATH]. */
    private static String[] segments(String uri) {
        return uri.substring(FILES_PREFIX.length()).split("/", 3);
    }

    private static McpError notFound(String uri, FaztException e) {
        return McpError.builder(McpSchema.ErrorCodes.RESOURCE_NOT_FOUND).message(e.getMessage()).data(uri).build();
    }

    private static McpSchema.ReadResourceResult text(String uri, String mime, String text) {
        return new McpSchema.ReadResourceResult(List.of(new McpSchema.TextResourceContents(uri, mime, text)));
    }
}
