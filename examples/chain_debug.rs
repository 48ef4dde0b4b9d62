fn main() {
    let t = std::env::args().nth(1).unwrap();
    let words: Vec<String> = std::env::args().skip(2).collect();
    let mut ms = Vec::new();
    for w in &words {
        let b = t.find(w.as_str()).unwrap();
        let s = t[..b].chars().count();
        ms.push(s..s + w.chars().count());
    }
    let c = claimtrace::identity::link(&t, &ms);
    for e in &c.entities {
        println!("{:?} {:?} {:?} {:?}", e.name, e.kind, e.gender, e.titles);
    }
    for l in &c.links {
        println!("{:?}", l);
    }
}
