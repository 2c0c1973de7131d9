(function () {
  "use strict";
  // Folded groups: a summary box opens (in place, moving the rest of the map
  // aside) on click, or from its button above the map (keyboard: Tab, Enter).
  var network = window.pathgraphNetwork;
  var data = JSON.parse(document.getElementById("pathgraph-data").textContent);
  var folds = data.folds;
  if (!network || !folds) { return; }
  var nodes = network.body.data.nodes;
  var edges = network.body.data.edges;
  var groups = {};
  var owner = {};
  var member = {};
  var hiddenKinds = {};
  var opened = 0;
  folds.groups.forEach(function (g) {
    groups[g.id] = g;
    g.members.forEach(function (m) { owner[m.id] = g.id; member[m.id] = m; });
  });
  var dynamic = data.edges.filter(function (e) { return e.count; })
    .map(function (e) { return e.id; });
  function el(tag, text) {
    var node = document.createElement(tag);
    if (text !== undefined) { node.textContent = text; }
    return node;
  }
  function visNode(m, x, y) {
    return { id: m.id, label: m.label, level: m.level, shape: m.shape,
             x: x, y: y, color: m.color, borderWidth: m.borderWidth, kind: m.kind,
             hidden: hiddenKinds[m.kind] === true,
             font: { face: "Helvetica", size: 13, multi: false },
             widthConstraint: { maximum: 170 }, margin: 8 };
  }
  function lines() {
    var out = [];
    var merged = {};
    folds.edges.forEach(function (e) {
      var u = owner[e.from] || e.from;
      var v = owner[e.to] || e.to;
      if (u === e.from && v === e.to) { out.push(e); return; }
      if (u === v || e.kind === "part_of") { return; }
      var id = "g" + JSON.stringify([u, v, e.kind]);
      if (!merged[id]) {
        merged[id] = { id: id, from: u, to: v, kind: e.kind, dashes: e.dashes,
                       color: e.color, width: e.width, arrows: "to", count: 0 };
        out.push(merged[id]);
      }
      merged[id].count += 1;
    });
    Object.keys(merged).forEach(function (id) {
      if (merged[id].count > 1) { merged[id].label = merged[id].count + "\u00d7"; }
    });
    return out;
  }
  function place(g) {
    var pos = network.getPositions();
    var at = pos[g.id] || { x: 0, y: 0 };
    var moved = [];
    Object.keys(pos).forEach(function (id) {
      if (id === g.id) { return; }
      var p = pos[id];
      var x = p.x > at.x + folds.column / 2 ? p.x + g.w - folds.column : p.x;
      var y = p.y > at.y + folds.row / 2 ? p.y + g.h - folds.row : p.y;
      if (x !== p.x || y !== p.y) { moved.push({ id: id, x: x, y: y }); }
    });
    nodes.update(moved);
    nodes.remove(g.id);
    nodes.add(g.members.map(function (m) {
      return visNode(m, at.x + m.dx, at.y + m.dy);
    }));
  }
  function open(ids) {
    var done = [];
    ids.forEach(function (id) {
      var g = groups[id];
      if (!g || g.open) { return; }
      g.open = true;
      place(g);
      g.members.forEach(function (m) { delete owner[m.id]; });
      if (g.button) { g.button.disabled = true; }
      opened += 1;
      done.push(g.title + " (" + g.members.length + ")");
    });
    if (!done.length) { return; }
    edges.remove(dynamic);
    var next = lines();
    edges.add(next);
    dynamic = next.map(function (e) { return e.id; });
    document.getElementById("fold-status").textContent = "Opened " +
      (done.length > 3 ? done.length + " groups" : done.join(", ")) + ".";
    report();
  }
  function showCard(m) {
    var card = document.getElementById("card");
    while (card.firstChild) { card.removeChild(card.firstChild); }
    card.appendChild(el("h2", m.card.title));
    var table = el("table");
    m.card.rows.forEach(function (row) {
      var tr = el("tr");
      tr.appendChild(el("td", row[0]));
      tr.appendChild(el("td", row[1]));
      table.appendChild(tr);
    });
    card.appendChild(table);
  }
  network.on("hoverNode", function (p) { if (member[p.node]) { showCard(member[p.node]); } });
  network.on("click", function (p) {
    if (!p.nodes.length) { return; }
    if (member[p.nodes[0]]) { showCard(member[p.nodes[0]]); }
    if (groups[p.nodes[0]]) { open([p.nodes[0]]); }
  });
  var buttons = document.getElementById("fold-buttons");
  var all = el("button", "Open all " + folds.groups.length + " groups");
  all.type = "button";
  all.addEventListener("click", function () {
    open(folds.groups.map(function (g) { return g.id; }));
    all.disabled = true;
  });
  buttons.appendChild(all);
  folds.groups.forEach(function (g) {
    var b = el("button", g.title + " (" + g.members.length + ")");
    b.type = "button";
    b.title = g.contents;
    b.addEventListener("click", function () { open([g.id]); });
    g.button = b;
    buttons.appendChild(b);
  });
  document.querySelectorAll("#filters input[data-kind]").forEach(function (box) {
    box.addEventListener("change", function () {
      hiddenKinds[box.dataset.kind] = !box.checked;
      var shown = nodes.get({ filter: function (n) {
        return member[n.id] !== undefined && n.kind === box.dataset.kind; } });
      nodes.update(shown.map(function (n) { return { id: n.id, hidden: !box.checked }; }));
    });
  });
  function report() {
    document.getElementById("pathgraph-fold-status").textContent = JSON.stringify({
      groups: folds.groups.length,
      opened: opened,
      nodes: nodes.length,
      edges: edges.length
    });
  }
  if (window.location.hash === "#open-all") { all.click(); }
  report();
  window.pathgraphFolds = { open: open };
})();
