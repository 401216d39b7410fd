"""Tables in scraped text, by concern: what each line is (``lines``), where tables are
(``regions``), one module per scraped layout (``layouts``), the header band of tables 三 and 四
(``header_band``), and the reasons a table cannot be read (``problems``).  The entry points are
in ``gaonb_lint.readers.text_tables``."""
