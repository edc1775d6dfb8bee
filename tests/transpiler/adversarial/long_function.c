#include <asyncc.h>
#include <stdio.h>
async int id(int x) { await(ac_yield()); return x; }
async int main(void)
{
    long acc = 0;
    if (await(id(0)) % 3 == 0) acc += 0; else acc -= 1;
    acc %= 1000000007;
    int v1 = await(id(1));
    acc = acc * 3 + v1;
    acc %= 1000000007;
    for (int k2 = 0; k2 < 2; k2++) acc ^= await(id(k2 + 2));
    acc %= 1000000007;
    int v3 = await(id(3));
    acc = acc * 3 + v3;
    acc %= 1000000007;
    for (int k4 = 0; k4 < 2; k4++) acc ^= await(id(k4 + 4));
    acc %= 1000000007;
    if (await(id(5)) % 3 == 0) acc += 5; else acc -= 1;
    acc %= 1000000007;
    int v6 = await(id(6));
    acc = acc * 3 + v6;
    acc %= 1000000007;
    for (int k7 = 0; k7 < 2; k7++) acc ^= await(id(k7 + 7));
    acc %= 1000000007;
    int v8 = await(id(8));
    acc = acc * 3 + v8;
    acc %= 1000000007;
    if (await(id(9)) % 3 == 0) acc += 9; else acc -= 1;
    acc %= 1000000007;
    int v10 = await(id(10));
    acc = acc * 3 + v10;
    acc %= 1000000007;
    int v11 = await(id(11));
    acc = acc * 3 + v11;
    acc %= 1000000007;
    if (await(id(12)) % 3 == 0) acc += 12; else acc -= 1;
    acc %= 1000000007;
    switch (await(id(13 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    int v14 = await(id(14));
    acc = acc * 3 + v14;
    acc %= 1000000007;
    int v15 = await(id(15));
    acc = acc * 3 + v15;
    acc %= 1000000007;
    for (int k16 = 0; k16 < 2; k16++) acc ^= await(id(k16 + 16));
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    for (int k18 = 0; k18 < 2; k18++) acc ^= await(id(k18 + 18));
    acc %= 1000000007;
    if (await(id(19)) % 3 == 0) acc += 19; else acc -= 1;
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    int v21 = await(id(21));
    acc = acc * 3 + v21;
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    int v23 = await(id(23));
    acc = acc * 3 + v23;
    acc %= 1000000007;
    int v24 = await(id(24));
    acc = acc * 3 + v24;
    acc %= 1000000007;
    int v25 = await(id(25));
    acc = acc * 3 + v25;
    acc %= 1000000007;
    if (await(id(26)) % 3 == 0) acc += 26; else acc -= 1;
    acc %= 1000000007;
    switch (await(id(27 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    int v28 = await(id(28));
    acc = acc * 3 + v28;
    acc %= 1000000007;
    for (int k29 = 0; k29 < 2; k29++) acc ^= await(id(k29 + 29));
    acc %= 1000000007;
    for (int k30 = 0; k30 < 2; k30++) acc ^= await(id(k30 + 30));
    acc %= 1000000007;
    if (await(id(31)) % 3 == 0) acc += 31; else acc -= 1;
    acc %= 1000000007;
    for (int k32 = 0; k32 < 2; k32++) acc ^= await(id(k32 + 32));
    acc %= 1000000007;
    int v33 = await(id(33));
    acc = acc * 3 + v33;
    acc %= 1000000007;
    int v34 = await(id(34));
    acc = acc * 3 + v34;
    acc %= 1000000007;
    int v35 = await(id(35));
    acc = acc * 3 + v35;
    acc %= 1000000007;
    for (int k36 = 0; k36 < 2; k36++) acc ^= await(id(k36 + 36));
    acc %= 1000000007;
    if (await(id(37)) % 3 == 0) acc += 37; else acc -= 1;
    acc %= 1000000007;
    if (await(id(38)) % 3 == 0) acc += 38; else acc -= 1;
    acc %= 1000000007;
    for (int k39 = 0; k39 < 2; k39++) acc ^= await(id(k39 + 39));
    acc %= 1000000007;
    if (await(id(40)) % 3 == 0) acc += 40; else acc -= 1;
    acc %= 1000000007;
    int v41 = await(id(41));
    acc = acc * 3 + v41;
    acc %= 1000000007;
    switch (await(id(42 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    for (int k43 = 0; k43 < 2; k43++) acc ^= await(id(k43 + 43));
    acc %= 1000000007;
    int v44 = await(id(44));
    acc = acc * 3 + v44;
    acc %= 1000000007;
    for (int k45 = 0; k45 < 2; k45++) acc ^= await(id(k45 + 45));
    acc %= 1000000007;
    for (int k46 = 0; k46 < 2; k46++) acc ^= await(id(k46 + 46));
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    switch (await(id(48 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    int v49 = await(id(49));
    acc = acc * 3 + v49;
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    int v51 = await(id(51));
    acc = acc * 3 + v51;
    acc %= 1000000007;
    if (await(id(52)) % 3 == 0) acc += 52; else acc -= 1;
    acc %= 1000000007;
    switch (await(id(53 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    int v54 = await(id(54));
    acc = acc * 3 + v54;
    acc %= 1000000007;
    if (await(id(55)) % 3 == 0) acc += 55; else acc -= 1;
    acc %= 1000000007;
    int v56 = await(id(56));
    acc = acc * 3 + v56;
    acc %= 1000000007;
    for (int k57 = 0; k57 < 2; k57++) acc ^= await(id(k57 + 57));
    acc %= 1000000007;
    switch (await(id(58 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    for (int k59 = 0; k59 < 2; k59++) acc ^= await(id(k59 + 59));
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    if (await(id(61)) % 3 == 0) acc += 61; else acc -= 1;
    acc %= 1000000007;
    for (int k62 = 0; k62 < 2; k62++) acc ^= await(id(k62 + 62));
    acc %= 1000000007;
    for (int k63 = 0; k63 < 2; k63++) acc ^= await(id(k63 + 63));
    acc %= 1000000007;
    for (int k64 = 0; k64 < 2; k64++) acc ^= await(id(k64 + 64));
    acc %= 1000000007;
    if (await(id(65)) % 3 == 0) acc += 65; else acc -= 1;
    acc %= 1000000007;
    switch (await(id(66 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    if (await(id(68)) % 3 == 0) acc += 68; else acc -= 1;
    acc %= 1000000007;
    for (int k69 = 0; k69 < 2; k69++) acc ^= await(id(k69 + 69));
    acc %= 1000000007;
    int v70 = await(id(70));
    acc = acc * 3 + v70;
    acc %= 1000000007;
    switch (await(id(71 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    for (int k72 = 0; k72 < 2; k72++) acc ^= await(id(k72 + 72));
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    switch (await(id(74 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    int v75 = await(id(75));
    acc = acc * 3 + v75;
    acc %= 1000000007;
    if (await(id(76)) % 3 == 0) acc += 76; else acc -= 1;
    acc %= 1000000007;
    for (int k77 = 0; k77 < 2; k77++) acc ^= await(id(k77 + 77));
    acc %= 1000000007;
    int v78 = await(id(78));
    acc = acc * 3 + v78;
    acc %= 1000000007;
    if (await(id(79)) % 3 == 0) acc += 79; else acc -= 1;
    acc %= 1000000007;
    int v80 = await(id(80));
    acc = acc * 3 + v80;
    acc %= 1000000007;
    int v81 = await(id(81));
    acc = acc * 3 + v81;
    acc %= 1000000007;
    int v82 = await(id(82));
    acc = acc * 3 + v82;
    acc %= 1000000007;
    switch (await(id(83 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    int v84 = await(id(84));
    acc = acc * 3 + v84;
    acc %= 1000000007;
    int v85 = await(id(85));
    acc = acc * 3 + v85;
    acc %= 1000000007;
    if (await(id(86)) % 3 == 0) acc += 86; else acc -= 1;
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    int v88 = await(id(88));
    acc = acc * 3 + v88;
    acc %= 1000000007;
    if (await(id(89)) % 3 == 0) acc += 89; else acc -= 1;
    acc %= 1000000007;
    for (int k90 = 0; k90 < 2; k90++) acc ^= await(id(k90 + 90));
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    switch (await(id(92 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    int v94 = await(id(94));
    acc = acc * 3 + v94;
    acc %= 1000000007;
    if (await(id(95)) % 3 == 0) acc += 95; else acc -= 1;
    acc %= 1000000007;
    if (await(id(96)) % 3 == 0) acc += 96; else acc -= 1;
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    int v99 = await(id(99));
    acc = acc * 3 + v99;
    acc %= 1000000007;
    int v100 = await(id(100));
    acc = acc * 3 + v100;
    acc %= 1000000007;
    int v101 = await(id(101));
    acc = acc * 3 + v101;
    acc %= 1000000007;
    int v102 = await(id(102));
    acc = acc * 3 + v102;
    acc %= 1000000007;
    if (await(id(103)) % 3 == 0) acc += 103; else acc -= 1;
    acc %= 1000000007;
    for (int k104 = 0; k104 < 2; k104++) acc ^= await(id(k104 + 104));
    acc %= 1000000007;
    int v105 = await(id(105));
    acc = acc * 3 + v105;
    acc %= 1000000007;
    int v106 = await(id(106));
    acc = acc * 3 + v106;
    acc %= 1000000007;
    if (await(id(107)) % 3 == 0) acc += 107; else acc -= 1;
    acc %= 1000000007;
    if (await(id(108)) % 3 == 0) acc += 108; else acc -= 1;
    acc %= 1000000007;
    for (int k109 = 0; k109 < 2; k109++) acc ^= await(id(k109 + 109));
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    for (int k111 = 0; k111 < 2; k111++) acc ^= await(id(k111 + 111));
    acc %= 1000000007;
    for (int k112 = 0; k112 < 2; k112++) acc ^= await(id(k112 + 112));
    acc %= 1000000007;
    for (int k113 = 0; k113 < 2; k113++) acc ^= await(id(k113 + 113));
    acc %= 1000000007;
    for (int k114 = 0; k114 < 2; k114++) acc ^= await(id(k114 + 114));
    acc %= 1000000007;
    int v115 = await(id(115));
    acc = acc * 3 + v115;
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    switch (await(id(117 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    switch (await(id(119 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    if (await(id(120)) % 3 == 0) acc += 120; else acc -= 1;
    acc %= 1000000007;
    if (await(id(121)) % 3 == 0) acc += 121; else acc -= 1;
    acc %= 1000000007;
    int v122 = await(id(122));
    acc = acc * 3 + v122;
    acc %= 1000000007;
    for (int k123 = 0; k123 < 2; k123++) acc ^= await(id(k123 + 123));
    acc %= 1000000007;
    int v124 = await(id(124));
    acc = acc * 3 + v124;
    acc %= 1000000007;
    int v125 = await(id(125));
    acc = acc * 3 + v125;
    acc %= 1000000007;
    int v126 = await(id(126));
    acc = acc * 3 + v126;
    acc %= 1000000007;
    int v127 = await(id(127));
    acc = acc * 3 + v127;
    acc %= 1000000007;
    if (await(id(128)) % 3 == 0) acc += 128; else acc -= 1;
    acc %= 1000000007;
    int v129 = await(id(129));
    acc = acc * 3 + v129;
    acc %= 1000000007;
    int v130 = await(id(130));
    acc = acc * 3 + v130;
    acc %= 1000000007;
    int v131 = await(id(131));
    acc = acc * 3 + v131;
    acc %= 1000000007;
    int v132 = await(id(132));
    acc = acc * 3 + v132;
    acc %= 1000000007;
    if (await(id(133)) % 3 == 0) acc += 133; else acc -= 1;
    acc %= 1000000007;
    int v134 = await(id(134));
    acc = acc * 3 + v134;
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    for (int k136 = 0; k136 < 2; k136++) acc ^= await(id(k136 + 136));
    acc %= 1000000007;
    int v137 = await(id(137));
    acc = acc * 3 + v137;
    acc %= 1000000007;
    int v138 = await(id(138));
    acc = acc * 3 + v138;
    acc %= 1000000007;
    if (await(id(139)) % 3 == 0) acc += 139; else acc -= 1;
    acc %= 1000000007;
    if (await(id(140)) % 3 == 0) acc += 140; else acc -= 1;
    acc %= 1000000007;
    int v141 = await(id(141));
    acc = acc * 3 + v141;
    acc %= 1000000007;
    switch (await(id(142 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    if (await(id(144)) % 3 == 0) acc += 144; else acc -= 1;
    acc %= 1000000007;
    if (await(id(145)) % 3 == 0) acc += 145; else acc -= 1;
    acc %= 1000000007;
    int v146 = await(id(146));
    acc = acc * 3 + v146;
    acc %= 1000000007;
    int v147 = await(id(147));
    acc = acc * 3 + v147;
    acc %= 1000000007;
    if (await(id(148)) % 3 == 0) acc += 148; else acc -= 1;
    acc %= 1000000007;
    int v149 = await(id(149));
    acc = acc * 3 + v149;
    acc %= 1000000007;
    switch (await(id(150 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    int v151 = await(id(151));
    acc = acc * 3 + v151;
    acc %= 1000000007;
    int v152 = await(id(152));
    acc = acc * 3 + v152;
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    for (int k154 = 0; k154 < 2; k154++) acc ^= await(id(k154 + 154));
    acc %= 1000000007;
    int v155 = await(id(155));
    acc = acc * 3 + v155;
    acc %= 1000000007;
    for (int k156 = 0; k156 < 2; k156++) acc ^= await(id(k156 + 156));
    acc %= 1000000007;
    int v157 = await(id(157));
    acc = acc * 3 + v157;
    acc %= 1000000007;
    for (int k158 = 0; k158 < 2; k158++) acc ^= await(id(k158 + 158));
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    for (int k161 = 0; k161 < 2; k161++) acc ^= await(id(k161 + 161));
    acc %= 1000000007;
    int v162 = await(id(162));
    acc = acc * 3 + v162;
    acc %= 1000000007;
    if (await(id(163)) % 3 == 0) acc += 163; else acc -= 1;
    acc %= 1000000007;
    int v164 = await(id(164));
    acc = acc * 3 + v164;
    acc %= 1000000007;
    switch (await(id(165 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    for (int k166 = 0; k166 < 2; k166++) acc ^= await(id(k166 + 166));
    acc %= 1000000007;
    switch (await(id(167 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    if (await(id(168)) % 3 == 0) acc += 168; else acc -= 1;
    acc %= 1000000007;
    int v169 = await(id(169));
    acc = acc * 3 + v169;
    acc %= 1000000007;
    switch (await(id(170 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    switch (await(id(173 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    switch (await(id(174 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    switch (await(id(175 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    int v176 = await(id(176));
    acc = acc * 3 + v176;
    acc %= 1000000007;
    for (int k177 = 0; k177 < 2; k177++) acc ^= await(id(k177 + 177));
    acc %= 1000000007;
    if (await(id(178)) % 3 == 0) acc += 178; else acc -= 1;
    acc %= 1000000007;
    int v179 = await(id(179));
    acc = acc * 3 + v179;
    acc %= 1000000007;
    int v180 = await(id(180));
    acc = acc * 3 + v180;
    acc %= 1000000007;
    int v181 = await(id(181));
    acc = acc * 3 + v181;
    acc %= 1000000007;
    int v182 = await(id(182));
    acc = acc * 3 + v182;
    acc %= 1000000007;
    for (int k183 = 0; k183 < 2; k183++) acc ^= await(id(k183 + 183));
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    if (await(id(185)) % 3 == 0) acc += 185; else acc -= 1;
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    if (await(id(189)) % 3 == 0) acc += 189; else acc -= 1;
    acc %= 1000000007;
    int v190 = await(id(190));
    acc = acc * 3 + v190;
    acc %= 1000000007;
    int v191 = await(id(191));
    acc = acc * 3 + v191;
    acc %= 1000000007;
    int v192 = await(id(192));
    acc = acc * 3 + v192;
    acc %= 1000000007;
    int v193 = await(id(193));
    acc = acc * 3 + v193;
    acc %= 1000000007;
    for (int k194 = 0; k194 < 2; k194++) acc ^= await(id(k194 + 194));
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    switch (await(id(196 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    if (await(id(197)) % 3 == 0) acc += 197; else acc -= 1;
    acc %= 1000000007;
    for (int k198 = 0; k198 < 2; k198++) acc ^= await(id(k198 + 198));
    acc %= 1000000007;
    switch (await(id(199 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    int v200 = await(id(200));
    acc = acc * 3 + v200;
    acc %= 1000000007;
    for (int k201 = 0; k201 < 2; k201++) acc ^= await(id(k201 + 201));
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    switch (await(id(203 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    switch (await(id(204 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    if (await(id(205)) % 3 == 0) acc += 205; else acc -= 1;
    acc %= 1000000007;
    int v206 = await(id(206));
    acc = acc * 3 + v206;
    acc %= 1000000007;
    switch (await(id(207 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    if (await(id(208)) % 3 == 0) acc += 208; else acc -= 1;
    acc %= 1000000007;
    switch (await(id(209 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    if (await(id(211)) % 3 == 0) acc += 211; else acc -= 1;
    acc %= 1000000007;
    if (await(id(212)) % 3 == 0) acc += 212; else acc -= 1;
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    switch (await(id(214 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    int v215 = await(id(215));
    acc = acc * 3 + v215;
    acc %= 1000000007;
    int v216 = await(id(216));
    acc = acc * 3 + v216;
    acc %= 1000000007;
    int v217 = await(id(217));
    acc = acc * 3 + v217;
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    switch (await(id(219 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    int v220 = await(id(220));
    acc = acc * 3 + v220;
    acc %= 1000000007;
    switch (await(id(221 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    for (int k223 = 0; k223 < 2; k223++) acc ^= await(id(k223 + 223));
    acc %= 1000000007;
    if (await(id(224)) % 3 == 0) acc += 224; else acc -= 1;
    acc %= 1000000007;
    for (int k225 = 0; k225 < 2; k225++) acc ^= await(id(k225 + 225));
    acc %= 1000000007;
    int v226 = await(id(226));
    acc = acc * 3 + v226;
    acc %= 1000000007;
    int v227 = await(id(227));
    acc = acc * 3 + v227;
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    for (int k229 = 0; k229 < 2; k229++) acc ^= await(id(k229 + 229));
    acc %= 1000000007;
    for (int k230 = 0; k230 < 2; k230++) acc ^= await(id(k230 + 230));
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    if (await(id(232)) % 3 == 0) acc += 232; else acc -= 1;
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    switch (await(id(234 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    int v235 = await(id(235));
    acc = acc * 3 + v235;
    acc %= 1000000007;
    int v236 = await(id(236));
    acc = acc * 3 + v236;
    acc %= 1000000007;
    int v237 = await(id(237));
    acc = acc * 3 + v237;
    acc %= 1000000007;
    int v238 = await(id(238));
    acc = acc * 3 + v238;
    acc %= 1000000007;
    for (int k239 = 0; k239 < 2; k239++) acc ^= await(id(k239 + 239));
    acc %= 1000000007;
    int v240 = await(id(240));
    acc = acc * 3 + v240;
    acc %= 1000000007;
    if (await(id(241)) % 3 == 0) acc += 241; else acc -= 1;
    acc %= 1000000007;
    int v242 = await(id(242));
    acc = acc * 3 + v242;
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    if (await(id(244)) % 3 == 0) acc += 244; else acc -= 1;
    acc %= 1000000007;
    if (await(id(245)) % 3 == 0) acc += 245; else acc -= 1;
    acc %= 1000000007;
    for (int k246 = 0; k246 < 2; k246++) acc ^= await(id(k246 + 246));
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    if (await(id(248)) % 3 == 0) acc += 248; else acc -= 1;
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    for (int k250 = 0; k250 < 2; k250++) acc ^= await(id(k250 + 250));
    acc %= 1000000007;
    for (int k251 = 0; k251 < 2; k251++) acc ^= await(id(k251 + 251));
    acc %= 1000000007;
    for (int k252 = 0; k252 < 2; k252++) acc ^= await(id(k252 + 252));
    acc %= 1000000007;
    int v253 = await(id(253));
    acc = acc * 3 + v253;
    acc %= 1000000007;
    if (await(id(254)) % 3 == 0) acc += 254; else acc -= 1;
    acc %= 1000000007;
    int v255 = await(id(255));
    acc = acc * 3 + v255;
    acc %= 1000000007;
    int v256 = await(id(256));
    acc = acc * 3 + v256;
    acc %= 1000000007;
    switch (await(id(257 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    int v258 = await(id(258));
    acc = acc * 3 + v258;
    acc %= 1000000007;
    if (await(id(259)) % 3 == 0) acc += 259; else acc -= 1;
    acc %= 1000000007;
    switch (await(id(260 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    for (int k261 = 0; k261 < 2; k261++) acc ^= await(id(k261 + 261));
    acc %= 1000000007;
    if (await(id(262)) % 3 == 0) acc += 262; else acc -= 1;
    acc %= 1000000007;
    for (int k263 = 0; k263 < 2; k263++) acc ^= await(id(k263 + 263));
    acc %= 1000000007;
    for (int k264 = 0; k264 < 2; k264++) acc ^= await(id(k264 + 264));
    acc %= 1000000007;
    switch (await(id(265 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    int v266 = await(id(266));
    acc = acc * 3 + v266;
    acc %= 1000000007;
    for (int k267 = 0; k267 < 2; k267++) acc ^= await(id(k267 + 267));
    acc %= 1000000007;
    int v268 = await(id(268));
    acc = acc * 3 + v268;
    acc %= 1000000007;
    int v269 = await(id(269));
    acc = acc * 3 + v269;
    acc %= 1000000007;
    switch (await(id(270 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    for (int k271 = 0; k271 < 2; k271++) acc ^= await(id(k271 + 271));
    acc %= 1000000007;
    for (int k272 = 0; k272 < 2; k272++) acc ^= await(id(k272 + 272));
    acc %= 1000000007;
    switch (await(id(273 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    if (await(id(275)) % 3 == 0) acc += 275; else acc -= 1;
    acc %= 1000000007;
    for (int k276 = 0; k276 < 2; k276++) acc ^= await(id(k276 + 276));
    acc %= 1000000007;
    for (int k277 = 0; k277 < 2; k277++) acc ^= await(id(k277 + 277));
    acc %= 1000000007;
    for (int k278 = 0; k278 < 2; k278++) acc ^= await(id(k278 + 278));
    acc %= 1000000007;
    for (int k279 = 0; k279 < 2; k279++) acc ^= await(id(k279 + 279));
    acc %= 1000000007;
    if (await(id(280)) % 3 == 0) acc += 280; else acc -= 1;
    acc %= 1000000007;
    for (int k281 = 0; k281 < 2; k281++) acc ^= await(id(k281 + 281));
    acc %= 1000000007;
    if (await(id(282)) % 3 == 0) acc += 282; else acc -= 1;
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    for (int k284 = 0; k284 < 2; k284++) acc ^= await(id(k284 + 284));
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    int v287 = await(id(287));
    acc = acc * 3 + v287;
    acc %= 1000000007;
    for (int k288 = 0; k288 < 2; k288++) acc ^= await(id(k288 + 288));
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    switch (await(id(290 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    int v291 = await(id(291));
    acc = acc * 3 + v291;
    acc %= 1000000007;
    int v292 = await(id(292));
    acc = acc * 3 + v292;
    acc %= 1000000007;
    if (await(id(293)) % 3 == 0) acc += 293; else acc -= 1;
    acc %= 1000000007;
    int v294 = await(id(294));
    acc = acc * 3 + v294;
    acc %= 1000000007;
    int v295 = await(id(295));
    acc = acc * 3 + v295;
    acc %= 1000000007;
    int v296 = await(id(296));
    acc = acc * 3 + v296;
    acc %= 1000000007;
    for (int k297 = 0; k297 < 2; k297++) acc ^= await(id(k297 + 297));
    acc %= 1000000007;
    switch (await(id(298 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    int v300 = await(id(300));
    acc = acc * 3 + v300;
    acc %= 1000000007;
    switch (await(id(301 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    for (int k302 = 0; k302 < 2; k302++) acc ^= await(id(k302 + 302));
    acc %= 1000000007;
    int v303 = await(id(303));
    acc = acc * 3 + v303;
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    int v306 = await(id(306));
    acc = acc * 3 + v306;
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    if (await(id(308)) % 3 == 0) acc += 308; else acc -= 1;
    acc %= 1000000007;
    if (await(id(309)) % 3 == 0) acc += 309; else acc -= 1;
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    switch (await(id(311 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    int v312 = await(id(312));
    acc = acc * 3 + v312;
    acc %= 1000000007;
    if (await(id(313)) % 3 == 0) acc += 313; else acc -= 1;
    acc %= 1000000007;
    for (int k314 = 0; k314 < 2; k314++) acc ^= await(id(k314 + 314));
    acc %= 1000000007;
    if (await(id(315)) % 3 == 0) acc += 315; else acc -= 1;
    acc %= 1000000007;
    int v316 = await(id(316));
    acc = acc * 3 + v316;
    acc %= 1000000007;
    if (await(id(317)) % 3 == 0) acc += 317; else acc -= 1;
    acc %= 1000000007;
    switch (await(id(318 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    int v319 = await(id(319));
    acc = acc * 3 + v319;
    acc %= 1000000007;
    for (int k320 = 0; k320 < 2; k320++) acc ^= await(id(k320 + 320));
    acc %= 1000000007;
    if (await(id(321)) % 3 == 0) acc += 321; else acc -= 1;
    acc %= 1000000007;
    int v322 = await(id(322));
    acc = acc * 3 + v322;
    acc %= 1000000007;
    if (await(id(323)) % 3 == 0) acc += 323; else acc -= 1;
    acc %= 1000000007;
    for (int k324 = 0; k324 < 2; k324++) acc ^= await(id(k324 + 324));
    acc %= 1000000007;
    for (int k325 = 0; k325 < 2; k325++) acc ^= await(id(k325 + 325));
    acc %= 1000000007;
    int v326 = await(id(326));
    acc = acc * 3 + v326;
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    switch (await(id(328 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    int v330 = await(id(330));
    acc = acc * 3 + v330;
    acc %= 1000000007;
    int v331 = await(id(331));
    acc = acc * 3 + v331;
    acc %= 1000000007;
    int v332 = await(id(332));
    acc = acc * 3 + v332;
    acc %= 1000000007;
    switch (await(id(333 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    int v334 = await(id(334));
    acc = acc * 3 + v334;
    acc %= 1000000007;
    int v335 = await(id(335));
    acc = acc * 3 + v335;
    acc %= 1000000007;
    if (await(id(336)) % 3 == 0) acc += 336; else acc -= 1;
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    switch (await(id(338 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    int v339 = await(id(339));
    acc = acc * 3 + v339;
    acc %= 1000000007;
    int v340 = await(id(340));
    acc = acc * 3 + v340;
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    for (int k342 = 0; k342 < 2; k342++) acc ^= await(id(k342 + 342));
    acc %= 1000000007;
    switch (await(id(343 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    int v344 = await(id(344));
    acc = acc * 3 + v344;
    acc %= 1000000007;
    int v345 = await(id(345));
    acc = acc * 3 + v345;
    acc %= 1000000007;
    for (int k346 = 0; k346 < 2; k346++) acc ^= await(id(k346 + 346));
    acc %= 1000000007;
    if (await(id(347)) % 3 == 0) acc += 347; else acc -= 1;
    acc %= 1000000007;
    int v348 = await(id(348));
    acc = acc * 3 + v348;
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    for (int k350 = 0; k350 < 2; k350++) acc ^= await(id(k350 + 350));
    acc %= 1000000007;
    switch (await(id(351 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    int v352 = await(id(352));
    acc = acc * 3 + v352;
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    int v354 = await(id(354));
    acc = acc * 3 + v354;
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    if (await(id(356)) % 3 == 0) acc += 356; else acc -= 1;
    acc %= 1000000007;
    if (await(id(357)) % 3 == 0) acc += 357; else acc -= 1;
    acc %= 1000000007;
    for (int k358 = 0; k358 < 2; k358++) acc ^= await(id(k358 + 358));
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    int v360 = await(id(360));
    acc = acc * 3 + v360;
    acc %= 1000000007;
    int v361 = await(id(361));
    acc = acc * 3 + v361;
    acc %= 1000000007;
    for (int k362 = 0; k362 < 2; k362++) acc ^= await(id(k362 + 362));
    acc %= 1000000007;
    int v363 = await(id(363));
    acc = acc * 3 + v363;
    acc %= 1000000007;
    int v364 = await(id(364));
    acc = acc * 3 + v364;
    acc %= 1000000007;
    int v365 = await(id(365));
    acc = acc * 3 + v365;
    acc %= 1000000007;
    int v366 = await(id(366));
    acc = acc * 3 + v366;
    acc %= 1000000007;
    int v367 = await(id(367));
    acc = acc * 3 + v367;
    acc %= 1000000007;
    if (await(id(368)) % 3 == 0) acc += 368; else acc -= 1;
    acc %= 1000000007;
    if (await(id(369)) % 3 == 0) acc += 369; else acc -= 1;
    acc %= 1000000007;
    switch (await(id(370 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    int v371 = await(id(371));
    acc = acc * 3 + v371;
    acc %= 1000000007;
    for (int k372 = 0; k372 < 2; k372++) acc ^= await(id(k372 + 372));
    acc %= 1000000007;
    int v373 = await(id(373));
    acc = acc * 3 + v373;
    acc %= 1000000007;
    if (await(id(374)) % 3 == 0) acc += 374; else acc -= 1;
    acc %= 1000000007;
    int v375 = await(id(375));
    acc = acc * 3 + v375;
    acc %= 1000000007;
    int v376 = await(id(376));
    acc = acc * 3 + v376;
    acc %= 1000000007;
    int v377 = await(id(377));
    acc = acc * 3 + v377;
    acc %= 1000000007;
    switch (await(id(378 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    for (int k379 = 0; k379 < 2; k379++) acc ^= await(id(k379 + 379));
    acc %= 1000000007;
    int v380 = await(id(380));
    acc = acc * 3 + v380;
    acc %= 1000000007;
    if (await(id(381)) % 3 == 0) acc += 381; else acc -= 1;
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    int v383 = await(id(383));
    acc = acc * 3 + v383;
    acc %= 1000000007;
    switch (await(id(384 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    if (await(id(385)) % 3 == 0) acc += 385; else acc -= 1;
    acc %= 1000000007;
    if (await(id(386)) % 3 == 0) acc += 386; else acc -= 1;
    acc %= 1000000007;
    switch (await(id(387 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    if (await(id(388)) % 3 == 0) acc += 388; else acc -= 1;
    acc %= 1000000007;
    for (int k389 = 0; k389 < 2; k389++) acc ^= await(id(k389 + 389));
    acc %= 1000000007;
    for (int k390 = 0; k390 < 2; k390++) acc ^= await(id(k390 + 390));
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    if (await(id(392)) % 3 == 0) acc += 392; else acc -= 1;
    acc %= 1000000007;
    switch (await(id(393 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    switch (await(id(394 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    for (int k395 = 0; k395 < 2; k395++) acc ^= await(id(k395 + 395));
    acc %= 1000000007;
    if (await(id(396)) % 3 == 0) acc += 396; else acc -= 1;
    acc %= 1000000007;
    if (await(id(397)) % 3 == 0) acc += 397; else acc -= 1;
    acc %= 1000000007;
    int v398 = await(id(398));
    acc = acc * 3 + v398;
    acc %= 1000000007;
    int v399 = await(id(399));
    acc = acc * 3 + v399;
    acc %= 1000000007;
    int v400 = await(id(400));
    acc = acc * 3 + v400;
    acc %= 1000000007;
    switch (await(id(401 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    int v402 = await(id(402));
    acc = acc * 3 + v402;
    acc %= 1000000007;
    int v403 = await(id(403));
    acc = acc * 3 + v403;
    acc %= 1000000007;
    int v404 = await(id(404));
    acc = acc * 3 + v404;
    acc %= 1000000007;
    switch (await(id(405 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    for (int k407 = 0; k407 < 2; k407++) acc ^= await(id(k407 + 407));
    acc %= 1000000007;
    int v408 = await(id(408));
    acc = acc * 3 + v408;
    acc %= 1000000007;
    int v409 = await(id(409));
    acc = acc * 3 + v409;
    acc %= 1000000007;
    int v410 = await(id(410));
    acc = acc * 3 + v410;
    acc %= 1000000007;
    if (await(id(411)) % 3 == 0) acc += 411; else acc -= 1;
    acc %= 1000000007;
    int v412 = await(id(412));
    acc = acc * 3 + v412;
    acc %= 1000000007;
    if (await(id(413)) % 3 == 0) acc += 413; else acc -= 1;
    acc %= 1000000007;
    int v414 = await(id(414));
    acc = acc * 3 + v414;
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    for (int k417 = 0; k417 < 2; k417++) acc ^= await(id(k417 + 417));
    acc %= 1000000007;
    int v418 = await(id(418));
    acc = acc * 3 + v418;
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    if (await(id(420)) % 3 == 0) acc += 420; else acc -= 1;
    acc %= 1000000007;
    if (await(id(421)) % 3 == 0) acc += 421; else acc -= 1;
    acc %= 1000000007;
    int v422 = await(id(422));
    acc = acc * 3 + v422;
    acc %= 1000000007;
    if (await(id(423)) % 3 == 0) acc += 423; else acc -= 1;
    acc %= 1000000007;
    if (await(id(424)) % 3 == 0) acc += 424; else acc -= 1;
    acc %= 1000000007;
    for (int k425 = 0; k425 < 2; k425++) acc ^= await(id(k425 + 425));
    acc %= 1000000007;
    int v426 = await(id(426));
    acc = acc * 3 + v426;
    acc %= 1000000007;
    for (int k427 = 0; k427 < 2; k427++) acc ^= await(id(k427 + 427));
    acc %= 1000000007;
    int v428 = await(id(428));
    acc = acc * 3 + v428;
    acc %= 1000000007;
    int v429 = await(id(429));
    acc = acc * 3 + v429;
    acc %= 1000000007;
    int v430 = await(id(430));
    acc = acc * 3 + v430;
    acc %= 1000000007;
    if (await(id(431)) % 3 == 0) acc += 431; else acc -= 1;
    acc %= 1000000007;
    int v432 = await(id(432));
    acc = acc * 3 + v432;
    acc %= 1000000007;
    int v433 = await(id(433));
    acc = acc * 3 + v433;
    acc %= 1000000007;
    if (await(id(434)) % 3 == 0) acc += 434; else acc -= 1;
    acc %= 1000000007;
    int v435 = await(id(435));
    acc = acc * 3 + v435;
    acc %= 1000000007;
    for (int k436 = 0; k436 < 2; k436++) acc ^= await(id(k436 + 436));
    acc %= 1000000007;
    for (int k437 = 0; k437 < 2; k437++) acc ^= await(id(k437 + 437));
    acc %= 1000000007;
    switch (await(id(438 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    for (int k439 = 0; k439 < 2; k439++) acc ^= await(id(k439 + 439));
    acc %= 1000000007;
    switch (await(id(440 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    if (await(id(442)) % 3 == 0) acc += 442; else acc -= 1;
    acc %= 1000000007;
    if (await(id(443)) % 3 == 0) acc += 443; else acc -= 1;
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    int v445 = await(id(445));
    acc = acc * 3 + v445;
    acc %= 1000000007;
    switch (await(id(446 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    for (int k447 = 0; k447 < 2; k447++) acc ^= await(id(k447 + 447));
    acc %= 1000000007;
    int v448 = await(id(448));
    acc = acc * 3 + v448;
    acc %= 1000000007;
    switch (await(id(449 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    for (int k451 = 0; k451 < 2; k451++) acc ^= await(id(k451 + 451));
    acc %= 1000000007;
    switch (await(id(452 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    switch (await(id(453 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    int v454 = await(id(454));
    acc = acc * 3 + v454;
    acc %= 1000000007;
    for (int k455 = 0; k455 < 2; k455++) acc ^= await(id(k455 + 455));
    acc %= 1000000007;
    for (int k456 = 0; k456 < 2; k456++) acc ^= await(id(k456 + 456));
    acc %= 1000000007;
    switch (await(id(457 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    switch (await(id(458 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    switch (await(id(459 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    for (int k460 = 0; k460 < 2; k460++) acc ^= await(id(k460 + 460));
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    for (int k462 = 0; k462 < 2; k462++) acc ^= await(id(k462 + 462));
    acc %= 1000000007;
    for (int k463 = 0; k463 < 2; k463++) acc ^= await(id(k463 + 463));
    acc %= 1000000007;
    int v464 = await(id(464));
    acc = acc * 3 + v464;
    acc %= 1000000007;
    int v465 = await(id(465));
    acc = acc * 3 + v465;
    acc %= 1000000007;
    int v466 = await(id(466));
    acc = acc * 3 + v466;
    acc %= 1000000007;
    if (await(id(467)) % 3 == 0) acc += 467; else acc -= 1;
    acc %= 1000000007;
    int v468 = await(id(468));
    acc = acc * 3 + v468;
    acc %= 1000000007;
    switch (await(id(469 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    for (int k470 = 0; k470 < 2; k470++) acc ^= await(id(k470 + 470));
    acc %= 1000000007;
    for (int k471 = 0; k471 < 2; k471++) acc ^= await(id(k471 + 471));
    acc %= 1000000007;
    for (int k472 = 0; k472 < 2; k472++) acc ^= await(id(k472 + 472));
    acc %= 1000000007;
    for (int k473 = 0; k473 < 2; k473++) acc ^= await(id(k473 + 473));
    acc %= 1000000007;
    if (await(id(474)) % 3 == 0) acc += 474; else acc -= 1;
    acc %= 1000000007;
    int v475 = await(id(475));
    acc = acc * 3 + v475;
    acc %= 1000000007;
    switch (await(id(476 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    switch (await(id(477 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    for (int k478 = 0; k478 < 2; k478++) acc ^= await(id(k478 + 478));
    acc %= 1000000007;
    for (int k479 = 0; k479 < 2; k479++) acc ^= await(id(k479 + 479));
    acc %= 1000000007;
    for (int k480 = 0; k480 < 2; k480++) acc ^= await(id(k480 + 480));
    acc %= 1000000007;
    int v481 = await(id(481));
    acc = acc * 3 + v481;
    acc %= 1000000007;
    switch (await(id(482 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    int v483 = await(id(483));
    acc = acc * 3 + v483;
    acc %= 1000000007;
    int v484 = await(id(484));
    acc = acc * 3 + v484;
    acc %= 1000000007;
    int v485 = await(id(485));
    acc = acc * 3 + v485;
    acc %= 1000000007;
    switch (await(id(486 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    int v487 = await(id(487));
    acc = acc * 3 + v487;
    acc %= 1000000007;
    switch (await(id(488 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    if (await(id(490)) % 3 == 0) acc += 490; else acc -= 1;
    acc %= 1000000007;
    if (await(id(491)) % 3 == 0) acc += 491; else acc -= 1;
    acc %= 1000000007;
    if (await(id(492)) % 3 == 0) acc += 492; else acc -= 1;
    acc %= 1000000007;
    for (int k493 = 0; k493 < 2; k493++) acc ^= await(id(k493 + 493));
    acc %= 1000000007;
    switch (await(id(494 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    for (int k495 = 0; k495 < 2; k495++) acc ^= await(id(k495 + 495));
    acc %= 1000000007;
    for (int k496 = 0; k496 < 2; k496++) acc ^= await(id(k496 + 496));
    acc %= 1000000007;
    int v497 = await(id(497));
    acc = acc * 3 + v497;
    acc %= 1000000007;
    int v498 = await(id(498));
    acc = acc * 3 + v498;
    acc %= 1000000007;
    int v499 = await(id(499));
    acc = acc * 3 + v499;
    acc %= 1000000007;
    switch (await(id(500 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    if (await(id(501)) % 3 == 0) acc += 501; else acc -= 1;
    acc %= 1000000007;
    for (int k502 = 0; k502 < 2; k502++) acc ^= await(id(k502 + 502));
    acc %= 1000000007;
    int v503 = await(id(503));
    acc = acc * 3 + v503;
    acc %= 1000000007;
    int v504 = await(id(504));
    acc = acc * 3 + v504;
    acc %= 1000000007;
    int v505 = await(id(505));
    acc = acc * 3 + v505;
    acc %= 1000000007;
    for (int k506 = 0; k506 < 2; k506++) acc ^= await(id(k506 + 506));
    acc %= 1000000007;
    for (int k507 = 0; k507 < 2; k507++) acc ^= await(id(k507 + 507));
    acc %= 1000000007;
    for (int k508 = 0; k508 < 2; k508++) acc ^= await(id(k508 + 508));
    acc %= 1000000007;
    int v509 = await(id(509));
    acc = acc * 3 + v509;
    acc %= 1000000007;
    for (int k510 = 0; k510 < 2; k510++) acc ^= await(id(k510 + 510));
    acc %= 1000000007;
    if (await(id(511)) % 3 == 0) acc += 511; else acc -= 1;
    acc %= 1000000007;
    if (await(id(512)) % 3 == 0) acc += 512; else acc -= 1;
    acc %= 1000000007;
    int v513 = await(id(513));
    acc = acc * 3 + v513;
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    int v515 = await(id(515));
    acc = acc * 3 + v515;
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    int v518 = await(id(518));
    acc = acc * 3 + v518;
    acc %= 1000000007;
    if (await(id(519)) % 3 == 0) acc += 519; else acc -= 1;
    acc %= 1000000007;
    switch (await(id(520 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    if (await(id(522)) % 3 == 0) acc += 522; else acc -= 1;
    acc %= 1000000007;
    int v523 = await(id(523));
    acc = acc * 3 + v523;
    acc %= 1000000007;
    int v524 = await(id(524));
    acc = acc * 3 + v524;
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    int v526 = await(id(526));
    acc = acc * 3 + v526;
    acc %= 1000000007;
    for (int k527 = 0; k527 < 2; k527++) acc ^= await(id(k527 + 527));
    acc %= 1000000007;
    int v528 = await(id(528));
    acc = acc * 3 + v528;
    acc %= 1000000007;
    for (int k529 = 0; k529 < 2; k529++) acc ^= await(id(k529 + 529));
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    int v531 = await(id(531));
    acc = acc * 3 + v531;
    acc %= 1000000007;
    switch (await(id(532 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    for (int k533 = 0; k533 < 2; k533++) acc ^= await(id(k533 + 533));
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    switch (await(id(535 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    int v536 = await(id(536));
    acc = acc * 3 + v536;
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    if (await(id(538)) % 3 == 0) acc += 538; else acc -= 1;
    acc %= 1000000007;
    int v539 = await(id(539));
    acc = acc * 3 + v539;
    acc %= 1000000007;
    int v540 = await(id(540));
    acc = acc * 3 + v540;
    acc %= 1000000007;
    if (await(id(541)) % 3 == 0) acc += 541; else acc -= 1;
    acc %= 1000000007;
    if (await(id(542)) % 3 == 0) acc += 542; else acc -= 1;
    acc %= 1000000007;
    if (await(id(543)) % 3 == 0) acc += 543; else acc -= 1;
    acc %= 1000000007;
    int v544 = await(id(544));
    acc = acc * 3 + v544;
    acc %= 1000000007;
    if (await(id(545)) % 3 == 0) acc += 545; else acc -= 1;
    acc %= 1000000007;
    if (await(id(546)) % 3 == 0) acc += 546; else acc -= 1;
    acc %= 1000000007;
    switch (await(id(547 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    int v548 = await(id(548));
    acc = acc * 3 + v548;
    acc %= 1000000007;
    switch (await(id(549 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    switch (await(id(550 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    int v551 = await(id(551));
    acc = acc * 3 + v551;
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    switch (await(id(553 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    int v555 = await(id(555));
    acc = acc * 3 + v555;
    acc %= 1000000007;
    if (await(id(556)) % 3 == 0) acc += 556; else acc -= 1;
    acc %= 1000000007;
    if (await(id(557)) % 3 == 0) acc += 557; else acc -= 1;
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    for (int k559 = 0; k559 < 2; k559++) acc ^= await(id(k559 + 559));
    acc %= 1000000007;
    if (await(id(560)) % 3 == 0) acc += 560; else acc -= 1;
    acc %= 1000000007;
    if (await(id(561)) % 3 == 0) acc += 561; else acc -= 1;
    acc %= 1000000007;
    int v562 = await(id(562));
    acc = acc * 3 + v562;
    acc %= 1000000007;
    int v563 = await(id(563));
    acc = acc * 3 + v563;
    acc %= 1000000007;
    int v564 = await(id(564));
    acc = acc * 3 + v564;
    acc %= 1000000007;
    switch (await(id(565 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    int v566 = await(id(566));
    acc = acc * 3 + v566;
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    int v568 = await(id(568));
    acc = acc * 3 + v568;
    acc %= 1000000007;
    int v569 = await(id(569));
    acc = acc * 3 + v569;
    acc %= 1000000007;
    for (int k570 = 0; k570 < 2; k570++) acc ^= await(id(k570 + 570));
    acc %= 1000000007;
    int v571 = await(id(571));
    acc = acc * 3 + v571;
    acc %= 1000000007;
    if (await(id(572)) % 3 == 0) acc += 572; else acc -= 1;
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    switch (await(id(575 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    for (int k576 = 0; k576 < 2; k576++) acc ^= await(id(k576 + 576));
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    for (int k579 = 0; k579 < 2; k579++) acc ^= await(id(k579 + 579));
    acc %= 1000000007;
    switch (await(id(580 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    int v581 = await(id(581));
    acc = acc * 3 + v581;
    acc %= 1000000007;
    switch (await(id(582 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    if (await(id(583)) % 3 == 0) acc += 583; else acc -= 1;
    acc %= 1000000007;
    switch (await(id(584 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    for (int k585 = 0; k585 < 2; k585++) acc ^= await(id(k585 + 585));
    acc %= 1000000007;
    int v586 = await(id(586));
    acc = acc * 3 + v586;
    acc %= 1000000007;
    int v587 = await(id(587));
    acc = acc * 3 + v587;
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    int v589 = await(id(589));
    acc = acc * 3 + v589;
    acc %= 1000000007;
    if (await(id(590)) % 3 == 0) acc += 590; else acc -= 1;
    acc %= 1000000007;
    if (await(id(591)) % 3 == 0) acc += 591; else acc -= 1;
    acc %= 1000000007;
    int v592 = await(id(592));
    acc = acc * 3 + v592;
    acc %= 1000000007;
    switch (await(id(593 % 4))) { case 0: acc++; break; case 1: acc += await(id(2)); __attribute__((fallthrough)); default: acc--; }
    acc %= 1000000007;
    { int t = (int)(acc & 255); acc += await(id(1)) * t; }
    acc %= 1000000007;
    int v595 = await(id(595));
    acc = acc * 3 + v595;
    acc %= 1000000007;
    for (int k596 = 0; k596 < 2; k596++) acc ^= await(id(k596 + 596));
    acc %= 1000000007;
    if (await(id(597)) % 3 == 0) acc += 597; else acc -= 1;
    acc %= 1000000007;
    for (int k598 = 0; k598 < 2; k598++) acc ^= await(id(k598 + 598));
    acc %= 1000000007;
    if (await(id(599)) % 3 == 0) acc += 599; else acc -= 1;
    acc %= 1000000007;
    printf("%ld\n", acc);
    return 0;
}
// Adversarial: one async function with ~600 statements and hundreds of awaits, loops and switches (generated)
// RUN: %run %s %t  | %FileCheck %s
// CHECK: 399020071
// CHECK-NEXT: exit: 0
