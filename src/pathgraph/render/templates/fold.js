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
             font: { face: "Helvetica", size: m.small ? 11 : 13, multi: false },
             shapeProperties: { borderDashes: m.dashed ? [4, 3] : false },
             widthConstraint: { maximum: 170 }, margin: m.small ? 3 : 8 };
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
  // Opening a group makes room for it: the rows below it move down by its
  // height, and what stands right of it in its own row moves right by its width.
  function place(g, pos, added) {
    var at = pos[g.id] || { x: 0, y: 0 };
    delete pos[g.id];
    Object.keys(pos).forEach(function (id) {
      var p = pos[id];
      if (p.y > at.y + folds.row / 2) {
        p.y += g.h - folds.row;
      } else if (p.y > at.y - folds.row / 2 && p.x > at.x + folds.column / 2) {
        p.x += g.w - folds.column;
      }
    });
    g.members.forEach(function (m) {
      pos[m.id] = { x: at.x + m.dx, y: at.y + m.dy };
      added.push(m);
    });
  }
  // An opened group's button stays focusable (focus is not lost) but is marked done.
  function done_(button) {
    button.setAttribute("aria-disabled", "true");
    button.className = "opened";
  }
  // Zoom to an opened group; when all of it would be too small to read, show its
  // left part (where it starts) at a readable size instead.
  function look(g, first) {
    network.fit({ nodes: g.members.map(function (m) { return m.id; }) });
    var scale = 0.75;
    if (network.getScale() >= scale || !first) { return; }
    var frame = document.getElementById("map");
    var left = first.x - g.members[0].dx - folds.column / 2;
    var top = first.y - g.members[0].dy - folds.row / 2;
    network.moveTo({ scale: scale, position: {
      x: left + frame.clientWidth / 2 / scale,
      y: top + Math.min(g.h, frame.clientHeight / scale) / 2 } });
  }
  function open(ids) {
    var done = [];
    var pos = network.getPositions();
    var start = {};
    Object.keys(pos).forEach(function (id) { start[id] = pos[id].x + "," + pos[id].y; });
    var added = [];
    ids.forEach(function (id) {
      var g = groups[id];
      if (!g || g.open) { return; }
      g.open = true;
      place(g, pos, added);
      g.members.forEach(function (m) { delete owner[m.id]; });
      if (g.button) { done_(g.button); }
      opened += 1;
      done.push(g);
    });
    if (!done.length) { return; }
    var moved = Object.keys(start).filter(function (id) {
      return pos[id] && start[id] !== pos[id].x + "," + pos[id].y;
    }).map(function (id) { return { id: id, x: pos[id].x, y: pos[id].y }; });
    nodes.update(moved);
    nodes.remove(done.map(function (g) { return g.id; }));
    nodes.add(added.map(function (m) { return visNode(m, pos[m.id].x, pos[m.id].y); }));
    edges.remove(dynamic);
    var next = lines();
    edges.add(next);
    dynamic = next.map(function (e) { return e.id; });
    if (done.length === 1) { look(done[0], pos[done[0].members[0].id]); } else {
      network.fit();
    }
    document.getElementById("fold-status").textContent = $opened_before +
      (done.length > 3 ? $n_groups : done.map(function (g) {
        return g.title + " (" + g.members.length + ")"; }).join(", ")) + $opened_after;
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
  var all = el("button", $open_all);
  all.type = "button";
  all.addEventListener("click", function () {
    open(folds.groups.map(function (g) { return g.id; }));
    done_(all);
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
  // A link can open groups: map.html#open-all, or map.html#open=<box id>.
  var hash = window.location.hash;
  if (hash === "#open-all") { all.click(); }
  if (hash.indexOf("#open=") === 0) { open([decodeURIComponent(hash.slice(6))]); }
  report();
  window.pathgraphFolds = { open: open };
})();
