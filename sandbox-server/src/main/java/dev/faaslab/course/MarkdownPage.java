package dev.faaslab.course;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.heading.anchor.HeadingAnchorExtension;
import org.commonmark.ext.heading.anchor.IdGenerator;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.CustomBlock;
import org.commonmark.node.CustomNode;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.HtmlWriter;

/**
 * A lesson's Markdown (CommonMark with GFM tables) rendered to HTML, every heading with an id so that
 * hints can link to {@code lesson.html?id=…#section}. Raw HTML is escaped, not passed through: authors
 * write Markdown only, and the page stays safe whatever a lesson holds.
 *
 * <p>A lesson's page also reads its interactive blocks ({@link LessonBlocks}) and its glossary links
 * ({@code [cold start](#glossary/cold-start)}): a block becomes an empty element the page fills, so that
 * nothing of a block's answer is in the HTML; a glossary link becomes the word with its definition beside it,
 * shown on focus or hover and announced as the link's description.
 *
 * @param sections the second-level headings, with the ids the HTML gives them
 * @param predictions the page's predictions, in order
 * @param check the page's concept check, or null
 * @param terms the glossary terms the page links to, in order of first use
 */
public record MarkdownPage(String html, List<Lesson.Section> sections, List<Prediction> predictions, ConceptCheck check,
                           List<String> terms) {

    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create(), HeadingAnchorExtension.create());

    /** Where a glossary link points: {@code #glossary/<term id>}. */
    static final String GLOSSARY_LINK = "#glossary/";

    /**
     * How deep blocks (quotes, lists) may nest; deeper markers are read as text. The renderer recurses once per
     * level: without a bound, 10,000 nested quotes (10 kB) overflow a 4 MB thread stack.
     */
    static final int MAX_NESTING = 100;

    // All are immutable and safe to share between threads.
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).maxOpenBlockParsers(MAX_NESTING).build();
    private static final Parser LESSON_PARSER = Parser.builder().extensions(EXTENSIONS).maxOpenBlockParsers(MAX_NESTING)
            .includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES).build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().extensions(EXTENSIONS)
            .escapeHtml(true)
            .sanitizeUrls(true)
            .nodeRendererFactory(CourseNodeRenderer::new)
            .attributeProviderFactory(context -> MarkdownPage::glossaryPageLink)
            .build();

    public MarkdownPage {
        sections = List.copyOf(sections);
        predictions = List.copyOf(predictions);
        terms = List.copyOf(terms);
    }

    /** Renders {@code markdown} as plain text is rendered (exercise tasks): no blocks, no glossary. */
    public static MarkdownPage of(String markdown) {
        Node document = PARSER.parse(markdown);
        return new MarkdownPage(RENDERER.render(document), sections(document), List.of(), null, List.of());
    }

    /** A short piece of Markdown (a question, an answer), rendered without the paragraph around a single line. */
    static String fragment(String markdown) {
        String html = RENDERER.render(PARSER.parse(markdown)).strip();
        if (html.startsWith("<p>") && html.endsWith("</p>") && html.indexOf("<p>", 1) < 0) {
            return html.substring(3, html.length() - 4);
        }
        return html;
    }

    /**
     * A lesson's text, which starts on the line {@code firstLine} of {@code file}, with its blocks read and its
     * glossary links checked against {@code glossary}.
     *
     * @throws LessonException naming the line of a block or link that is wrong
     */
    static MarkdownPage lesson(Path file, int firstLine, String markdown, Glossary glossary) {
        Node document = LESSON_PARSER.parse(markdown);
        List<FencedCodeBlock> blocks = new ArrayList<>();
        List<Link> links = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(FencedCodeBlock block) {
                if (LessonBlocks.KINDS.contains(kind(block))) {
                    blocks.add(block);
                }
            }

            @Override
            public void visit(Link link) {
                if (link.getDestination().startsWith(GLOSSARY_LINK)) {
                    links.add(link);
                }
                visitChildren(link);
            }
        });
        List<Prediction> predictions = new ArrayList<>();
        ConceptCheck check = null;
        for (FencedCodeBlock block : blocks) {
            int line = firstLine + lineIndex(block);
            String kind = kind(block);
            YamlBlock yaml = YamlBlock.read(file, line + 1, "the " + kind + " block on line " + line, block.getLiteral());
            if (kind.equals(LessonBlocks.PREDICTION)) {
                Prediction prediction = LessonBlocks.prediction(yaml);
                if (predictions.stream().anyMatch(other -> other.id().equals(prediction.id()))) {
                    throw new LessonException(file, yaml.lineOf("/id"), null, "the prediction id '" + prediction.id()
                            + "' is used twice in this lesson: each prediction needs an id of its own");
                }
                predictions.add(prediction);
                replace(block, new BlockPlaceholder(kind, prediction.id()));
            } else {
                if (check != null) {
                    throw new LessonException(file, line, null, "a lesson has one concept check, and this is its second"
                            + " ```check block: put all its questions in one");
                }
                check = LessonBlocks.check(yaml);
                replace(block, new BlockPlaceholder(kind, "concept-check"));
            }
        }
        Map<String, Glossary.Term> known = glossary.byId();
        Set<String> terms = new LinkedHashSet<>();
        int occurrence = 0;
        for (Link link : links) {
            String id = link.getDestination().substring(GLOSSARY_LINK.length());
            Glossary.Term term = known.get(id);
            if (term == null) {
                throw new LessonException(file, firstLine + lineIndex(link), null, "the glossary has no term '" + id
                        + "': add it to lessons/" + Glossary.FILE + ", or link a term it has");
            }
            terms.add(id);
            TermLink replacement = new TermLink(term, ++occurrence);
            for (Node child = link.getFirstChild(); child != null; child = link.getFirstChild()) {
                replacement.appendChild(child);
            }
            link.insertBefore(replacement);
            link.unlink();
        }
        return new MarkdownPage(RENDERER.render(document), sections(document), predictions, check, List.copyOf(terms));
    }

    /**
     * A glossary link the lesson's text did not turn into a term (one inside a prediction's or a check's Markdown,
     * rendered on its own) goes to the term on the glossary page, rather than to an anchor the page does not have.
     */
    private static void glossaryPageLink(Node node, String tagName, Map<String, String> attributes) {
        String href = attributes.get("href");
        if (node instanceof Link && href != null && href.startsWith(GLOSSARY_LINK)) {
            attributes.put("href", "/glossary.html#" + href.substring(GLOSSARY_LINK.length()));
        }
    }

    private static String kind(FencedCodeBlock block) {
        return block.getInfo() == null ? "" : block.getInfo().strip();
    }

    private static int lineIndex(Node node) {
        return node.getSourceSpans().isEmpty() ? 0 : node.getSourceSpans().getFirst().getLineIndex();
    }

    private static void replace(Node node, Node replacement) {
        node.insertBefore(replacement);
        node.unlink();
    }

    /**
     * The h2 headings with the ids the anchor extension gives them: it numbers repeated titles across all
     * heading levels in document order, so every heading goes through one generator, as in the renderer.
     */
    private static List<Lesson.Section> sections(Node document) {
        IdGenerator ids = IdGenerator.builder().build();
        List<Lesson.Section> sections = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Heading heading) {
                String title = text(heading);
                String id = ids.generateId(title);
                if (heading.getLevel() == 2) {
                    sections.add(new Lesson.Section(id, title));
                }
            }
        });
        return sections;
    }

    /** A heading's text as the anchor extension reads it: its text and code spans, without markup. */
    private static String text(Heading heading) {
        StringBuilder text = new StringBuilder();
        heading.accept(new AbstractVisitor() {
            @Override
            public void visit(Text node) {
                text.append(node.getLiteral());
            }

            @Override
            public void visit(Code node) {
                text.append(node.getLiteral());
            }
        });
        return text.toString();
    }

    /** Where a prediction or the concept check stands in the text: the page fills it. */
    private static final class BlockPlaceholder extends CustomBlock {
        final String kind;
        final String id;

        BlockPlaceholder(String kind, String id) {
            this.kind = kind;
            this.id = id;
        }
    }

    /** A word linked to the glossary; {@code occurrence} numbers it in the page, for its definition's id. */
    private static final class TermLink extends CustomNode {
        final Glossary.Term term;
        final int occurrence;

        TermLink(Glossary.Term term, int occurrence) {
            this.term = term;
            this.occurrence = occurrence;
        }
    }

    /** Renders the two nodes above; everything else is CommonMark's own. */
    private static final class CourseNodeRenderer implements NodeRenderer {
        private final HtmlNodeRendererContext context;
        private final HtmlWriter html;

        CourseNodeRenderer(HtmlNodeRendererContext context) {
            this.context = context;
            this.html = context.getWriter();
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(BlockPlaceholder.class, TermLink.class);
        }

        @Override
        public void render(Node node) {
            if (node instanceof BlockPlaceholder block) {
                Map<String, String> attributes = new LinkedHashMap<>();
                if (block.kind.equals(LessonBlocks.PREDICTION)) {
                    attributes.put("class", "prediction");
                    attributes.put("id", "prediction-" + block.id);
                    attributes.put("data-prediction", block.id);
                } else {
                    attributes.put("class", "concept-check");
                    attributes.put("id", "concept-check");
                    attributes.put("data-concept-check", "");
                }
                html.line();
                html.tag("div", attributes);
                html.tag("/div");
                html.line();
            } else if (node instanceof TermLink link) {
                String definition = "term-" + link.occurrence;
                html.tag("span", Map.of("class", "term"));
                Map<String, String> attributes = new LinkedHashMap<>();
                attributes.put("href", "/glossary.html#" + link.term.id());
                attributes.put("class", "term-link");
                attributes.put("data-term", link.term.id());
                attributes.put("aria-describedby", definition);
                html.tag("a", attributes);
                for (Node child = node.getFirstChild(); child != null; ) {
                    Node next = child.getNext();
                    context.render(child);
                    child = next;
                }
                html.tag("/a");
                Map<String, String> tooltip = new LinkedHashMap<>();
                tooltip.put("class", "term-definition");
                tooltip.put("role", "tooltip");
                tooltip.put("id", definition);
                html.tag("span", tooltip);
                html.text(link.term.term() + ": " + link.term.definition());
                html.tag("/span");
                html.tag("/span");
            }
        }
    }
}
