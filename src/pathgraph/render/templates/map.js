(function () {
  "use strict";
  var errors = [];
  window.addEventListener("error", function (e) { errors.push(String(e.message)); });
  var data = JSON.parse(document.getElementById("pathgraph-data").textContent);
  function el(tag, text) {
    var node = document.createElement(tag);
    if (text !== undefined) { node.textContent = text; }
    return node;
  }
  var placed = data.nodes.length > 0 && data.nodes.every(function (n) {
    return n.x !== undefined; });
  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    return { id: n.id, label: n.label, level: n.level, shape: n.shape,
             x: n.x, y: n.y,
             color: n.color, borderWidth: n.borderWidth, kind: n.kind,
             font: { face: "Helvetica", size: n.small ? 11 : 13, multi: false },
             shapeProperties: { borderDashes: n.dashed ? [4, 3] : false },
             widthConstraint: { maximum: 170 }, margin: n.small ? 3 : 8 };
  }));
  var edges = new vis.DataSet(data.edges);
  var network = new vis.Network(document.getElementById("map"),
    { nodes: nodes, edges: edges }, {
      layout: { randomSeed: 1, hierarchical: { enabled: !placed, direction: "LR",
        sortMethod: "directed", levelSeparation: 210, nodeSpacing: 110,
        shakeTowards: "roots" } },
      physics: { enabled: false },
      interaction: { hover: true, tooltipDelay: 100 },
      edges: { smooth: placed ? { type: "curvedCW", roundness: 0.08 }
        : { type: "cubicBezier", forceDirection: "horizontal" } }
    });
  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });
  function showCard(id) {
    var card = document.getElementById("card");
    while (card.firstChild) { card.removeChild(card.firstChild); }
    var n = byId[id];
    if (!n) { return; }
    card.appendChild(el("h2", n.card.title));
    var table = el("table");
    n.card.rows.forEach(function (row) {
      var tr = el("tr");
      tr.appendChild(el("td", row[0]));
      tr.appendChild(el("td", row[1]));
      table.appendChild(tr);
    });
    card.appendChild(table);
  }
  network.on("hoverNode", function (p) { showCard(p.node); });
  network.on("click", function (p) { if (p.nodes.length) { showCard(p.nodes[0]); } });
  var filters = document.getElementById("filters");
  data.legend.forEach(function (k) {
    var label = el("label");
    var box = el("input");
    box.type = "checkbox"; box.checked = true; box.dataset.kind = k.kind;
    box.addEventListener("change", function () {
      var hidden = !box.checked;
      nodes.update(data.nodes.filter(function (n) { return n.kind === k.kind; })
        .map(function (n) { return { id: n.id, hidden: hidden }; }));
    });
    var swatch = el("span");
    swatch.className = "swatch";
    swatch.style.background = k.fill; swatch.style.borderColor = k.border;
    label.appendChild(box); label.appendChild(swatch);
    label.appendChild(document.createTextNode(k.title));
    filters.appendChild(label);
  });
  var edgeKey = document.getElementById("edges");
  data.edgeLegend.forEach(function (k) {
    // the line in the edge's colour, the words in the page's (contrast)
    var s = el("span");
    var line = el("span");
    line.className = "edge-swatch";
    line.style.borderTopColor = k.color;
    s.appendChild(line);
    s.appendChild(document.createTextNode(k.title));
    edgeKey.appendChild(s);
  });
  function report() {
    var status = document.getElementById("pathgraph-status");
    status.textContent = JSON.stringify({
      nodes: network.body.data.nodes.length,
      drawn: Object.keys(network.body.nodes).filter(function (id) {
        return byId[id] !== undefined; }).length,
      edges: network.body.data.edges.length,
      errors: errors,
      injected: window.__pathgraph_injected === true
    });
  }
  network.once("afterDrawing", report);
  window.pathgraphNetwork = network;
})();
