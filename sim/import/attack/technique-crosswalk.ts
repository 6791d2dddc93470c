/**
 * Technique ids the OTRF labels use (or used) that ATT&CK v18.1 no longer lists as
 * active, mapped to their v18.1 replacement. v18.1 marks these `deprecated` without
 * naming a successor, so the table is kept by hand and checked against the catalogue
 * in tests: every key is deprecated or absent in v18.1, every value is active.
 *
 * The pre-2020 ids are the labels of the original Mordor recordings (the Empire, Covenant
 * and ART sets re-labelled in the 2020 sub-technique migration); the v19 ids cover
 * labels written after ATT&CK v19 split Defense Evasion, mapped back to v18.1.
 */
export const TECHNIQUE_CROSSWALK: Readonly<Record<string, string>> = {
  // Pre-sub-technique ids (ATT&CK v6 and earlier).
  T1004: 'T1547.004',
  T1015: 'T1546.008',
  T1028: 'T1021.006',
  T1031: 'T1543.003',
  T1035: 'T1569.002',
  T1038: 'T1574.001',
  T1050: 'T1543.003',
  T1060: 'T1547.001',
  T1063: 'T1518.001',
  T1064: 'T1059',
  T1073: 'T1574.001',
  T1075: 'T1550.002',
  T1076: 'T1021.001',
  T1077: 'T1021.002',
  T1081: 'T1552.001',
  T1084: 'T1546.003',
  T1085: 'T1218.011',
  T1086: 'T1059.001',
  T1088: 'T1548.002',
  T1089: 'T1562.001',
  T1093: 'T1055.012',
  T1097: 'T1550.003',
  T1099: 'T1070.006',
  T1100: 'T1505.003',
  T1101: 'T1547.005',
  T1103: 'T1546.010',
  T1107: 'T1070.004',
  T1117: 'T1218.010',
  T1118: 'T1218.004',
  T1122: 'T1546.015',
  T1158: 'T1564.001',
  T1170: 'T1218.005',
  T1171: 'T1557.001',
  T1179: 'T1056.004',
  T1183: 'T1546.012',
  T1191: 'T1218.003',
  T1193: 'T1566.001',
  T1192: 'T1566.002',
  T1196: 'T1218.002',
  T1208: 'T1558.003',
  T1214: 'T1552.002',
  T1223: 'T1218.001',
  // Merged in v17: DLL side-loading became part of T1574.001 "DLL".
  'T1574.002': 'T1574.001',
  // ATT&CK v19 renumbering, mapped back to the pinned v18.1.
  T1685: 'T1562.001',
  'T1685.001': 'T1562.002',
  'T1685.002': 'T1562.008',
  'T1685.004': 'T1562.012',
  'T1685.005': 'T1070.001',
  'T1685.006': 'T1070.002',
  T1686: 'T1562.004',
  T1688: 'T1562.009',
  T1689: 'T1562.010',
  T1690: 'T1562.003',
};
