from articles.rendering import render_markdown


def test_markdown_renders_headings_lists_and_links():
    html = render_markdown("## Le dîner\n\n- un\n- deux\n\n[NASA](https://www.nasa.gov)")
    assert "<h2>Le dîner</h2>" in html
    assert "<li>un</li>" in html
    assert 'href="https://www.nasa.gov"' in html and 'rel="noopener noreferrer nofollow"' in html


def test_raw_html_and_scripts_never_reach_the_page():
    html = render_markdown('<script>alert(1)</script>\n\n<img src=x onerror="alert(1)">')
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html  # shown as text, not dropped silently


def test_javascript_links_are_neutralised():
    html = render_markdown("[clic](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=)")
    # The text may stay visible, but never as a link a reader could follow.
    assert "<a" not in html
    assert "href" not in html
