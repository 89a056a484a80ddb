package org.pathlane.app.editor.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Workflow templates as JSON files: lanes with their jobs and parameters, and the arrows. A file that
 * is not a template is refused with the file and the field that is wrong; nothing half-loaded.
 */
public final class TemplateCodec {

    public static final String FORMAT = "pathlane-workflow/1";

    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_LONG_FOR_INTS);

    public String write(WorkflowDraft draft) {
        ObjectNode root = json.createObjectNode();
        root.put("format", FORMAT);
        root.put("name", draft.name());
        ArrayNode lanes = root.putArray("lanes");
        for (Lane lane : draft.lanes()) {
            ObjectNode l = lanes.addObject();
            l.put("name", lane.name());
            ArrayNode jobs = l.putArray("jobs");
            for (DraftJob job : lane.jobs()) {
                ObjectNode j = jobs.addObject();
                j.put("id", job.id());
                j.put("type", job.type());
                j.set("params", json.valueToTree(job.params()));
            }
        }
        ArrayNode deps = root.putArray("dependencies");
        for (Dependency d : draft.dependencies()) {
            deps.addObject().put("from", d.from()).put("to", d.to());
        }
        try {
            return json.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write workflow \"" + draft.name() + "\" as JSON: " + e.getMessage(), e);
        }
    }

    /** Writes through a temporary file, so a crash never leaves half a template. */
    public void save(WorkflowDraft draft, Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, write(draft));
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public WorkflowDraft load(Path file) throws IOException {
        try {
            return read(Files.readString(file));
        } catch (IllegalArgumentException e) {
            throw new IOException("Workflow template " + file + " is not usable: " + e.getMessage(), e);
        }
    }

    /** @throws IllegalArgumentException naming the field that is wrong */
    public WorkflowDraft read(String text) {
        JsonNode root;
        try {
            root = json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("it is not JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("it is not a JSON object");
        }
        if (!FORMAT.equals(root.path("format").asText())) {
            throw new IllegalArgumentException("field \"format\" must be \"" + FORMAT + "\"");
        }
        List<Lane> lanes = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        JsonNode laneNodes = array(root, "lanes", "lanes");
        for (int i = 0; i < laneNodes.size(); i++) {
            String where = "lanes[" + i + "]";
            JsonNode l = laneNodes.get(i);
            List<DraftJob> jobs = new ArrayList<>();
            JsonNode jobNodes = array(l, "jobs", where + ".jobs");
            for (int k = 0; k < jobNodes.size(); k++) {
                String jw = where + ".jobs[" + k + "]";
                JsonNode j = jobNodes.get(k);
                String id = text(j, "id", jw);
                if (!ids.add(id)) {
                    throw new IllegalArgumentException(jw + ".id \"" + id + "\" is used twice");
                }
                JsonNode params = j.path("params");
                if (!params.isMissingNode() && !params.isObject()) {
                    throw new IllegalArgumentException(jw + ".params must be an object");
                }
                Map<String, Object> values = params.isObject()
                        ? json.convertValue(params, json.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, Object.class))
                        : Map.of();
                jobs.add(new DraftJob(id, text(j, "type", jw), values));
            }
            lanes.add(new Lane("lane" + (i + 1), text(l, "name", where), jobs));
        }
        List<Dependency> deps = new ArrayList<>();
        JsonNode depNodes = root.has("dependencies") ? array(root, "dependencies", "dependencies") : json.createArrayNode();
        for (int i = 0; i < depNodes.size(); i++) {
            String where = "dependencies[" + i + "]";
            Dependency d = new Dependency(text(depNodes.get(i), "from", where), text(depNodes.get(i), "to", where));
            if (!ids.contains(d.from()) || !ids.contains(d.to())) {
                throw new IllegalArgumentException(where + " names a job that is not in the template");
            }
            deps.add(d);
        }
        return new WorkflowDraft(root.path("name").asText(""), lanes, deps);
    }

    private static JsonNode array(JsonNode node, String field, String where) {
        JsonNode value = node.path(field);
        if (!value.isArray()) {
            throw new IllegalArgumentException("field \"" + where + "\" must be a list");
        }
        return value;
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException("field \"" + where + "." + field + "\" must be non-empty text");
        }
        return value.asText();
    }
}
