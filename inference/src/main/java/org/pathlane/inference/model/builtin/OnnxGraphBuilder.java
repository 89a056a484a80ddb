package org.pathlane.inference.model.builtin;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a float32 ONNX graph (ModelProto) node by node. Field numbers are those of onnx.proto
 * (ModelProto, GraphProto, NodeProto, AttributeProto, TensorProto, ValueInfoProto).
 */
final class OnnxGraphBuilder {

    private static final int FLOAT = 1;
    private static final int ATTR_INTS = 7;

    private final List<ProtoWriter> nodes = new ArrayList<>();
    private final List<ProtoWriter> initializers = new ArrayList<>();
    private final List<ProtoWriter> inputs = new ArrayList<>();
    private final List<ProtoWriter> outputs = new ArrayList<>();
    private int counter;

    /** A named float constant of the graph. */
    String constant(String name, long[] dims, float... data) {
        ByteBuffer raw = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : data) {
            raw.putFloat(f);
        }
        initializers.add(new ProtoWriter().int64s(1, dims).int64(2, FLOAT).string(8, name).bytes(9, raw.array()));
        return name;
    }

    /** A scalar constant broadcast by element-wise operators. */
    String scalar(String name, float value) {
        return constant(name, new long[0], value);
    }

    /** Adds a node and returns the name of its (single) output. */
    String node(String opType, List<String> in, ProtoWriter... attributes) {
        String output = opType.toLowerCase() + "_" + (counter++);
        ProtoWriter node = new ProtoWriter();
        for (String i : in) {
            node.string(1, i);
        }
        node.string(2, output).string(3, output).string(4, opType);
        for (ProtoWriter a : attributes) {
            node.message(5, a);
        }
        nodes.add(node);
        return output;
    }

    /** Renames the last node's output by appending an Identity with the wanted name. */
    void output(String from, String name, Object... dims) {
        ProtoWriter node = new ProtoWriter().string(1, from).string(2, name).string(3, name).string(4, "Identity");
        nodes.add(node);
        outputs.add(valueInfo(name, dims));
    }

    void input(String name, Object... dims) {
        inputs.add(valueInfo(name, dims));
    }

    static ProtoWriter intsAttribute(String name, long... values) {
        return new ProtoWriter().string(1, name).int64s(8, values).int64(20, ATTR_INTS);
    }

    /** @param dims each a Long (fixed size) or a String (named dynamic axis) */
    private static ProtoWriter valueInfo(String name, Object... dims) {
        ProtoWriter shape = new ProtoWriter();
        for (Object d : dims) {
            ProtoWriter dim = d instanceof String param ? new ProtoWriter().string(2, param)
                    : new ProtoWriter().int64(1, ((Number) d).longValue());
            shape.message(1, dim);
        }
        ProtoWriter tensorType = new ProtoWriter().int64(1, FLOAT).message(2, shape);
        return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensorType));
    }

    byte[] model(String graphName, String producer, String version, int irVersion, int opset, String doc) {
        ProtoWriter graph = new ProtoWriter();
        nodes.forEach(n -> graph.message(1, n));
        graph.string(2, graphName);
        initializers.forEach(t -> graph.message(5, t));
        graph.string(10, doc);
        inputs.forEach(i -> graph.message(11, i));
        outputs.forEach(o -> graph.message(12, o));
        return new ProtoWriter()
                .int64(1, irVersion)
                .string(2, producer)
                .string(3, version)
                .message(7, graph)
                .message(8, new ProtoWriter().string(1, "").int64(2, opset))
                .toByteArray();
    }
}
