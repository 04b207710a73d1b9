"""The China-UK study (Yu 2022, slides): one module per group of the study's tables.

- ``datasets``: the bibliometric datasets (record counts, search strings)
- ``citations``: source countries of citations, overall and by period
- ``funding``: funding agencies of the three groups of education papers
- ``highly_cited``: highly cited social science papers, 2011-2021 (Table 12)
- ``participants``: the method in tables (participants, interview questions, design steps)
- ``source_figures``: the slides' Figures 1-16, catalogued and, from aggregate data, reproduced
- ``findings_values``: named numbers the China-UK pages need that the modules above do not make
"""
