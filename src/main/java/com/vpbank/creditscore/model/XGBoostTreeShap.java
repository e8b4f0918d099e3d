package com.vpbank.creditscore.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Exact TreeSHAP over the trees of an XGBoost JSON model, computed in the JVM: XGBoost's
 * {@code predictContrib} values without a DMatrix or the booster's lock. One row gives one
 * value per feature and then the bias (each tree's mean leaf value weighted by cover,
 * summed, plus the base margin); together they add up to the row's margin.
 *
 * <p>Two ways to the same values: {@link #pathContributions(float[])}, XGBoost's own
 * recursion (Lundberg et al. 2018, Algorithm 2, extend and unwind) in XGBoost's float
 * arithmetic and order, equal to {@code predictContrib} to the bit; and
 * {@link #contributions(float[])}, which looks each leaf's share up in tables computed at
 * load time (within 2e-7 of {@code predictContrib} on the bundle's model, about five times
 * faster than the recursion), falling back to the recursion for forests whose tables would
 * exceed {@link #MAX_TABLE_VALUES}.
 *
 * <p>Only models it follows exactly are read: a {@code gbtree} booster with one target,
 * numerical splits only, and an objective whose margin is its output (regression with an
 * identity link). Anything else is refused with a {@link ModelBundleException} naming the
 * file, and the caller keeps XGBoost's own {@code predictContrib}.
 */
public final class XGBoostTreeShap {

    /** Objectives whose prediction is the margin itself and whose base score is the base margin. */
    private static final Set<String> IDENTITY_OBJECTIVES = Set.of(
            "reg:squarederror", "reg:squaredlogerror", "reg:pseudohubererror", "reg:absoluteerror");

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final int featureCount;
    /** First node of each tree in the node arrays; one entry more than there are trees. */
    private final int[] treeStart;
    /** Node arrays of all trees, children as indices into the same arrays; a leaf's left child is -1. */
    private final int[] left;
    private final int[] right;
    private final int[] defaultChild;
    private final int[] splitFeature;
    /** The split threshold of an inner node, the leaf value of a leaf. */
    private final float[] value;
    /** cover(left child) / cover(node) and cover(right child) / cover(node). */
    private final float[] leftZeroFraction;
    private final float[] rightZeroFraction;
    /** Sum of the trees' mean values plus the base margin, in XGBoost's order of addition. */
    private final float bias;
    /** Path elements one call needs: maxd (maxd + 1) / 2 with maxd = deepest tree + 2. */
    private final int pathCapacity;
    /** The precomputed values of each leaf, or {@code null} when they would take more than {@link #MAX_TABLE_VALUES}. */
    private final LeafTables tables;

    private XGBoostTreeShap(int featureCount, int[] treeStart, int[] left, int[] right, int[] defaultChild,
            int[] splitFeature, float[] value, float[] leftZeroFraction, float[] rightZeroFraction, float bias,
            int pathCapacity, LeafTables tables) {
        this.featureCount = featureCount;
        this.treeStart = treeStart;
        this.left = left;
        this.right = right;
        this.defaultChild = defaultChild;
        this.splitFeature = splitFeature;
        this.value = value;
        this.leftZeroFraction = leftZeroFraction;
        this.rightZeroFraction = rightZeroFraction;
        this.bias = bias;
        this.pathCapacity = pathCapacity;
        this.tables = tables;
    }

    /** Reads an XGBoost JSON model ({@code Booster.save_model("model.json")}). */
    public static XGBoostTreeShap read(Path modelFile) {
        ModelJson model;
        try {
            model = MAPPER.readValue(modelFile.toFile(), ModelJson.class);
        } catch (JsonProcessingException e) {
            throw new ModelBundleException(modelFile + ": not an XGBoost JSON model (" + e.getOriginalMessage() + ")", e);
        } catch (IOException e) {
            throw new ModelBundleException(modelFile + ": cannot be read (" + e.getMessage() + ")", e);
        }
        try {
            return of(model);
        } catch (IllegalArgumentException e) {
            throw new ModelBundleException(modelFile + ": " + e.getMessage(), e);
        }
    }

    private static XGBoostTreeShap of(ModelJson model) {
        Learner learner = require(model == null ? null : model.learner(), "learner");
        LearnerModelParam param = require(learner.learnerModelParam(), "learner.learner_model_param");
        String objective = require(learner.objective(), "learner.objective").name();
        if (!IDENTITY_OBJECTIVES.contains(objective)) {
            throw new IllegalArgumentException("objective '" + objective + "' has a margin other than its output;"
                    + " TreeSHAP in the JVM follows " + IDENTITY_OBJECTIVES);
        }
        GradientBooster booster = require(learner.gradientBooster(), "learner.gradient_booster");
        if (!"gbtree".equals(booster.name())) {
            throw new IllegalArgumentException("booster '" + booster.name() + "' is not gbtree");
        }
        if (param.numTarget() != null && param.numTarget() > 1 || param.numClass() != null && param.numClass() > 1) {
            throw new IllegalArgumentException("more than one target or class");
        }
        int featureCount = require(param.numFeature(), "learner.learner_model_param.num_feature");
        if (featureCount <= 0) {
            throw new IllegalArgumentException("num_feature is " + featureCount);
        }
        float baseMargin = baseScore(require(param.baseScore(), "learner.learner_model_param.base_score"));
        GbtreeModel trees = require(booster.model(), "learner.gradient_booster.model");
        List<TreeJson> treeList = require(trees.trees(), "learner.gradient_booster.model.trees");
        if (trees.treeInfo() != null) {
            for (int group : trees.treeInfo()) {
                if (group != 0) {
                    throw new IllegalArgumentException("trees of more than one output group");
                }
            }
        }
        int nodeCount = 0;
        List<boolean[]> reachable = new ArrayList<>();
        for (int t = 0; t < treeList.size(); t++) {
            reachable.add(checkTree(treeList.get(t), t, featureCount));
            nodeCount += reachable.get(t).length;
        }
        int[] treeStart = new int[treeList.size() + 1];
        int[] left = new int[nodeCount];
        int[] right = new int[nodeCount];
        int[] defaultChild = new int[nodeCount];
        int[] splitFeature = new int[nodeCount];
        float[] value = new float[nodeCount];
        float[] leftZeroFraction = new float[nodeCount];
        float[] rightZeroFraction = new float[nodeCount];
        float bias = 0;
        int maxDepth = 0;
        int start = 0;
        for (int t = 0; t < treeList.size(); t++) {
            TreeJson tree = treeList.get(t);
            int n = tree.leftChildren().length;
            treeStart[t] = start;
            for (int i = 0; i < n; i++) {
                int node = start + i;
                // a node the root does not reach (one deleted by pruning) is kept as a leaf of no use
                boolean leaf = tree.leftChildren()[i] == -1 || !reachable.get(t)[i];
                left[node] = leaf ? -1 : start + tree.leftChildren()[i];
                right[node] = leaf ? -1 : start + tree.rightChildren()[i];
                defaultChild[node] = tree.defaultLeft()[i] != 0 ? left[node] : right[node];
                splitFeature[node] = leaf ? 0 : tree.splitIndices()[i];
                value[node] = tree.splitConditions()[i];
                if (!leaf) {
                    float cover = tree.sumHessian()[i];
                    leftZeroFraction[node] = tree.sumHessian()[tree.leftChildren()[i]] / cover;
                    rightZeroFraction[node] = tree.sumHessian()[tree.rightChildren()[i]] / cover;
                }
            }
            // XGBoost adds each tree's contributions, bias included, to the row's running sums.
            bias += meanValue(tree, 0);
            maxDepth = Math.max(maxDepth, depth(tree, 0));
            start += n;
        }
        treeStart[treeList.size()] = start;
        bias += baseMargin;
        int maxd = maxDepth + 2;
        LeafTables tables = new LeafTablesBuilder(left, right, splitFeature, value, leftZeroFraction,
                rightZeroFraction, maxDepth).build(treeStart);
        return new XGBoostTreeShap(featureCount, treeStart, left, right, defaultChild, splitFeature, value,
                leftZeroFraction, rightZeroFraction, bias, maxd * (maxd + 1) / 2, tables);
    }

    /** Checks one tree's arrays and that its nodes form a tree from the root; answers which nodes the root reaches. */
    private static boolean[] checkTree(TreeJson tree, int index, int featureCount) {
        String name = "tree " + index;
        int n = require(tree.leftChildren(), name + " left_children").length;
        if (n == 0) {
            throw new IllegalArgumentException(name + " has no nodes");
        }
        if (tree.treeParam() != null && tree.treeParam().sizeLeafVector() != null
                && tree.treeParam().sizeLeafVector() > 1) {
            throw new IllegalArgumentException(name + " has vector leaves (more than one target)");
        }
        if (require(tree.rightChildren(), name + " right_children").length != n
                || require(tree.splitIndices(), name + " split_indices").length != n
                || require(tree.splitConditions(), name + " split_conditions").length != n
                || require(tree.defaultLeft(), name + " default_left").length != n
                || require(tree.sumHessian(), name + " sum_hessian").length != n) {
            throw new IllegalArgumentException(name + ": its node arrays differ in length");
        }
        if (tree.splitType() != null) {
            for (int type : tree.splitType()) {
                if (type != 0) {
                    throw new IllegalArgumentException(name + " has categorical splits");
                }
            }
        }
        boolean[] reached = new boolean[n];
        int[] stack = new int[n];
        int top = 0;
        stack[top++] = 0;
        reached[0] = true;
        while (top > 0) {
            int node = stack[--top];
            if (tree.leftChildren()[node] == -1) {
                continue;
            }
            int feature = tree.splitIndices()[node];
            if (feature < 0 || feature >= featureCount) {
                throw new IllegalArgumentException(name + " node " + node + " splits on feature " + feature
                        + " of " + featureCount);
            }
            for (int child : new int[] {tree.leftChildren()[node], tree.rightChildren()[node]}) {
                if (child <= 0 || child >= n || reached[child]) {
                    throw new IllegalArgumentException(name + " node " + node + " has child " + child
                            + ": the nodes do not form a tree");
                }
                reached[child] = true;
                stack[top++] = child;
            }
        }
        return reached;
    }

    /** A node's mean value weighted by cover, in float as XGBoost's FillNodeMeanValues. */
    private static float meanValue(TreeJson tree, int node) {
        int leftChild = tree.leftChildren()[node];
        if (leftChild == -1) {
            return tree.splitConditions()[node];
        }
        int rightChild = tree.rightChildren()[node];
        float result = meanValue(tree, leftChild) * tree.sumHessian()[leftChild];
        result += meanValue(tree, rightChild) * tree.sumHessian()[rightChild];
        return result / tree.sumHessian()[node];
    }

    private static int depth(TreeJson tree, int node) {
        if (tree.leftChildren()[node] == -1) {
            return 0;
        }
        return 1 + Math.max(depth(tree, tree.leftChildren()[node]), depth(tree, tree.rightChildren()[node]));
    }

    /** base_score as XGBoost writes it: "5E-1", or "[5E-1]" for a one-target vector. */
    private static float baseScore(String text) {
        String number = text.strip();
        if (number.startsWith("[") && number.endsWith("]")) {
            number = number.substring(1, number.length() - 1).strip();
        }
        try {
            return Float.parseFloat(number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("base_score '" + text + "' is not one number");
        }
    }

    private static <T> T require(T value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        return value;
    }

    /** The number of features a row has. */
    public int featureCount() {
        return featureCount;
    }

    /**
     * The SHAP values of one row in margin space: {@link #featureCount()} values, then the
     * bias. A NaN feature is missing and follows each split's default branch. From the leaf
     * tables where the model has them (within 1e-6 of XGBoost's float arithmetic), else by
     * XGBoost's own path algorithm.
     */
    public float[] contributions(float[] features) {
        checkWidth(features);
        return tables != null ? tableContributions(features) : pathContributions(features);
    }

    /** Whether contributions come from precomputed leaf tables rather than the path algorithm. */
    boolean hasLeafTables() {
        return tables != null;
    }

    private void checkWidth(float[] features) {
        if (features.length != featureCount) {
            throw new IllegalArgumentException("a row of " + features.length + " features, the model has "
                    + featureCount);
        }
    }

    /**
     * The contributions by XGBoost's path algorithm (Lundberg et al. 2018, Algorithm 2), in
     * XGBoost's float arithmetic and order: the same values as {@code predictContrib}.
     */
    public float[] pathContributions(float[] features) {
        checkWidth(features);
        float[] out = new float[featureCount + 1];
        float[] treePhi = new float[featureCount];
        DecisionPath path = new DecisionPath(pathCapacity);
        for (int t = 0; t + 1 < treeStart.length; t++) {
            treeShap(features, treePhi, path, treeStart[t], 0, 0, 1, 1, -1);
            for (int f = 0; f < featureCount; f++) {
                out[f] += treePhi[f];
                treePhi[f] = 0;
            }
        }
        out[featureCount] = bias;
        return out;
    }

    private float[] tableContributions(float[] features) {
        double[] phi = new double[featureCount];
        for (int t = 0; t + 1 < treeStart.length; t++) {
            visit(features, phi, treeStart[t], 0);
        }
        float[] out = new float[featureCount + 1];
        for (int f = 0; f < featureCount; f++) {
            out[f] = (float) phi[f];
        }
        out[featureCount] = bias;
        return out;
    }

    /**
     * Visits every leaf below {@code node}, knowing which of the features on its path the row
     * fails (a bit per feature in the order they first appear on the path), and adds the
     * leaf's precomputed values for that pattern.
     */
    private void visit(float[] features, double[] phi, int node, int failed) {
        int leftChild = left[node];
        if (leftChild < 0) {
            int width = tables.width[node];
            int at = tables.tableStart[node] + (~failed & ((1 << width) - 1)) * width;
            int featureAt = tables.featureStart[node];
            for (int i = 0; i < width; i++) {
                phi[tables.features[featureAt + i]] += tables.values[at + i];
            }
            return;
        }
        int hot = hotChild(features, node);
        visit(features, phi, hot, failed);
        visit(features, phi, hot == leftChild ? right[node] : leftChild, failed | (1 << tables.bit[node]));
    }

    /** The child the row goes to: the default one for a missing value, else left when below the threshold. */
    private int hotChild(float[] features, int node) {
        float x = features[splitFeature[node]];
        if (Float.isNaN(x)) {
            return defaultChild[node];
        }
        return x < value[node] ? left[node] : right[node];
    }

    /**
     * The recursion of XGBoost's TreeShap (cpu_treeshap.cc) without conditioning: extend the
     * path by the parent's split, at a leaf credit every feature on the path, else recurse
     * into the branch the row takes (hot) and the other (cold).
     */
    private void treeShap(float[] features, float[] phi, DecisionPath path, int node, int parentStart,
            int uniqueDepth, float parentZeroFraction, float parentOneFraction, int parentFeature) {
        int start = parentStart + uniqueDepth + 1;
        path.copy(parentStart, start, uniqueDepth + 1);
        path.extend(start, uniqueDepth, parentZeroFraction, parentOneFraction, parentFeature);
        if (left[node] < 0) {
            float leafValue = value[node];
            for (int i = 1; i <= uniqueDepth; i++) {
                float w = path.unwoundSum(start, uniqueDepth, i);
                int at = start + i;
                phi[path.feature[at]] += w * (path.one[at] - path.zero[at]) * leafValue;
            }
            return;
        }
        int feature = splitFeature[node];
        int hot = hotChild(features, node);
        boolean hotIsLeft = hot == left[node];
        int cold = hotIsLeft ? right[node] : left[node];
        float hotZeroFraction = hotIsLeft ? leftZeroFraction[node] : rightZeroFraction[node];
        float coldZeroFraction = hotIsLeft ? rightZeroFraction[node] : leftZeroFraction[node];
        float incomingZeroFraction = 1;
        float incomingOneFraction = 1;
        int pathIndex = 0;
        while (pathIndex <= uniqueDepth && path.feature[start + pathIndex] != feature) {
            pathIndex++;
        }
        if (pathIndex != uniqueDepth + 1) {
            incomingZeroFraction = path.zero[start + pathIndex];
            incomingOneFraction = path.one[start + pathIndex];
            path.unwind(start, uniqueDepth, pathIndex);
            uniqueDepth -= 1;
        }
        treeShap(features, phi, path, hot, start, uniqueDepth + 1,
                hotZeroFraction * incomingZeroFraction, incomingOneFraction, feature);
        treeShap(features, phi, path, cold, start, uniqueDepth + 1,
                coldZeroFraction * incomingZeroFraction, 0, feature);
    }

    /**
     * The decision paths of one call, as XGBoost's PathElement array in columns: the path
     * of a node at depth d starts at the end of its parent's. Float arithmetic as XGBoost's.
     */
    private static final class DecisionPath {
        final int[] feature;
        final float[] zero;
        final float[] one;
        final float[] weight;

        DecisionPath(int capacity) {
            feature = new int[capacity];
            zero = new float[capacity];
            one = new float[capacity];
            weight = new float[capacity];
        }

        void copy(int from, int to, int length) {
            System.arraycopy(feature, from, feature, to, length);
            System.arraycopy(zero, from, zero, to, length);
            System.arraycopy(one, from, one, to, length);
            System.arraycopy(weight, from, weight, to, length);
        }

        void extend(int s, int depth, float zeroFraction, float oneFraction, int featureIndex) {
            feature[s + depth] = featureIndex;
            zero[s + depth] = zeroFraction;
            one[s + depth] = oneFraction;
            weight[s + depth] = depth == 0 ? 1.0f : 0.0f;
            for (int i = depth - 1; i >= 0; i--) {
                weight[s + i + 1] += oneFraction * weight[s + i] * (i + 1) / (float) (depth + 1);
                weight[s + i] = zeroFraction * weight[s + i] * (depth - i) / (float) (depth + 1);
            }
        }

        void unwind(int s, int depth, int pathIndex) {
            float oneFraction = one[s + pathIndex];
            float zeroFraction = zero[s + pathIndex];
            float nextOnePortion = weight[s + depth];
            for (int i = depth - 1; i >= 0; --i) {
                if (oneFraction != 0) {
                    float tmp = weight[s + i];
                    weight[s + i] = nextOnePortion * (depth + 1) / ((i + 1) * oneFraction);
                    nextOnePortion = tmp - weight[s + i] * zeroFraction * (depth - i) / (float) (depth + 1);
                } else {
                    weight[s + i] = (weight[s + i] * (depth + 1)) / (zeroFraction * (depth - i));
                }
            }
            for (int i = pathIndex; i < depth; ++i) {
                feature[s + i] = feature[s + i + 1];
                zero[s + i] = zero[s + i + 1];
                one[s + i] = one[s + i + 1];
            }
        }

        float unwoundSum(int s, int depth, int pathIndex) {
            float oneFraction = one[s + pathIndex];
            float zeroFraction = zero[s + pathIndex];
            float nextOnePortion = weight[s + depth];
            float total = 0;
            for (int i = depth - 1; i >= 0; --i) {
                if (oneFraction != 0) {
                    float tmp = nextOnePortion * (depth + 1) / ((i + 1) * oneFraction);
                    total += tmp;
                    nextOnePortion = weight[s + i] - tmp * zeroFraction * ((depth - i) / (float) (depth + 1));
                } else if (zeroFraction != 0) {
                    total += (weight[s + i] / zeroFraction) / ((depth - i) / (float) (depth + 1));
                }
            }
            return total;
        }
    }

    /** The most leaf table values a model may take (4 bytes each); beyond, the path algorithm serves. */
    static final int MAX_TABLE_VALUES = 1 << 22;

    /**
     * Per leaf, the SHAP values it gives to each feature on its path for each pattern of
     * which of those features the row satisfies (the idea of Fast TreeSHAP v2, Yang 2021).
     * A leaf with value v whose path holds k distinct features, feature j with zero fraction
     * z_j (the product of the cover fractions of its splits) and one fraction o_j (1 when
     * the row takes every split on j the path's way, else 0), gives feature i
     * {@code v (o_i - z_i) sum over S in U-{i} of |S|! (k-|S|-1)!/k! prod_{j in S} o_j prod_{j not in S, j != i} z_j}:
     * what Algorithm 2's extend and unwind compute, here once per pattern at load time.
     * Indexed by node: for an inner node, the bit of its feature; for a leaf, its k, where its
     * features and its 2^k rows of k values start.
     */
    private record LeafTables(int[] bit, int[] width, int[] featureStart, int[] features, int[] tableStart,
            float[] values) {
    }

    private static final class LeafTablesBuilder {
        private final int[] left;
        private final int[] right;
        private final int[] splitFeature;
        private final float[] value;
        private final float[] leftZeroFraction;
        private final float[] rightZeroFraction;
        private final int[] bit;
        private final int[] width;
        private final int[] featureStart;
        private final int[] features;
        private final double[] zeroFractions;
        private int featureCount;

        LeafTablesBuilder(int[] left, int[] right, int[] splitFeature, float[] value, float[] leftZeroFraction,
                float[] rightZeroFraction, int maxDepth) {
            this.left = left;
            this.right = right;
            this.splitFeature = splitFeature;
            this.value = value;
            this.leftZeroFraction = leftZeroFraction;
            this.rightZeroFraction = rightZeroFraction;
            int nodes = left.length;
            bit = new int[nodes];
            width = new int[nodes];
            featureStart = new int[nodes];
            features = new int[nodes * Math.max(maxDepth, 1)];
            zeroFractions = new double[features.length];
        }

        /** The tables, or {@code null} when they would hold more than {@link #MAX_TABLE_VALUES} values. */
        LeafTables build(int[] treeStart) {
            int maxDepth = features.length / left.length;
            if (maxDepth > 20) {
                return null;
            }
            for (int t = 0; t + 1 < treeStart.length; t++) {
                describe(treeStart[t], new int[maxDepth], new double[maxDepth], 0);
            }
            int[] tableStart = new int[left.length];
            long total = 0;
            for (int node = 0; node < left.length; node++) {
                if (left[node] < 0) {
                    tableStart[node] = (int) total;
                    total += (long) width[node] << width[node];
                    if (total > MAX_TABLE_VALUES) {
                        return null;
                    }
                }
            }
            float[] values = new float[(int) total];
            for (int node = 0; node < left.length; node++) {
                if (left[node] < 0) {
                    fill(values, tableStart[node], width[node], featureStart[node], value[node]);
                }
            }
            return new LeafTables(bit, width, featureStart, Arrays.copyOf(features, featureCount), tableStart, values);
        }

        /** Walks the tree: each inner node's bit, each leaf's distinct path features and their zero fractions. */
        private void describe(int node, int[] pathFeatures, double[] pathZeros, int k) {
            if (left[node] < 0) {
                width[node] = k;
                featureStart[node] = featureCount;
                System.arraycopy(pathFeatures, 0, features, featureCount, k);
                System.arraycopy(pathZeros, 0, zeroFractions, featureCount, k);
                featureCount += k;
                return;
            }
            int index = 0;
            while (index < k && pathFeatures[index] != splitFeature[node]) {
                index++;
            }
            bit[node] = index;
            int childK = index == k ? k + 1 : k;
            double incoming = index == k ? 1.0 : pathZeros[index];
            int[] childFeatures = pathFeatures.clone();
            double[] childZeros = pathZeros.clone();
            childFeatures[index] = splitFeature[node];
            childZeros[index] = incoming * leftZeroFraction[node];
            describe(left[node], childFeatures, childZeros, childK);
            childZeros[index] = incoming * rightZeroFraction[node];
            describe(right[node], childFeatures, childZeros, childK);
        }

        private void fill(float[] values, int start, int k, int featureAt, float leafValue) {
            double[] weight = new double[Math.max(k, 1)];
            for (int s = 0; s < k; s++) {
                weight[s] = factorial(s) * factorial(k - s - 1) / factorial(k);
            }
            double[] polynomial = new double[k + 1];
            for (int satisfied = 0; satisfied < 1 << k; satisfied++) {
                for (int i = 0; i < k; i++) {
                    // prod over j != i of (o_j t + z_j): the coefficient of t^s sums the terms with |S| = s
                    Arrays.fill(polynomial, 0);
                    polynomial[0] = 1;
                    int degree = 0;
                    for (int j = 0; j < k; j++) {
                        if (j == i) {
                            continue;
                        }
                        double z = zeroFractions[featureAt + j];
                        if ((satisfied >> j & 1) == 1) {
                            degree++;
                            for (int s = degree; s > 0; s--) {
                                polynomial[s] = polynomial[s] * z + polynomial[s - 1];
                            }
                            polynomial[0] *= z;
                        } else {
                            for (int s = 0; s <= degree; s++) {
                                polynomial[s] *= z;
                            }
                        }
                    }
                    double sum = 0;
                    for (int s = 0; s <= degree; s++) {
                        sum += weight[s] * polynomial[s];
                    }
                    double one = satisfied >> i & 1;
                    values[start + satisfied * k + i] =
                            (float) (leafValue * (one - zeroFractions[featureAt + i]) * sum);
                }
            }
        }

        private static double factorial(int n) {
            double result = 1;
            for (int i = 2; i <= n; i++) {
                result *= i;
            }
            return result;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record ModelJson(Learner learner) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record Learner(@JsonProperty("learner_model_param") LearnerModelParam learnerModelParam,
            Objective objective, @JsonProperty("gradient_booster") GradientBooster gradientBooster) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record LearnerModelParam(@JsonProperty("base_score") String baseScore,
            @JsonProperty("num_class") Integer numClass, @JsonProperty("num_feature") Integer numFeature,
            @JsonProperty("num_target") Integer numTarget) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record Objective(String name) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record GradientBooster(String name, GbtreeModel model) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record GbtreeModel(List<TreeJson> trees, @JsonProperty("tree_info") int[] treeInfo) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record TreeParam(@JsonProperty("size_leaf_vector") Integer sizeLeafVector) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record TreeJson(@JsonProperty("tree_param") TreeParam treeParam,
            @JsonProperty("left_children") int[] leftChildren, @JsonProperty("right_children") int[] rightChildren,
            @JsonProperty("split_indices") int[] splitIndices,
            @JsonProperty("split_conditions") float[] splitConditions,
            @JsonProperty("default_left") int[] defaultLeft, @JsonProperty("sum_hessian") float[] sumHessian,
            @JsonProperty("split_type") int[] splitType) {
    }
}
