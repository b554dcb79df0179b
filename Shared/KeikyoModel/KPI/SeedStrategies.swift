/// The strategy the seed reviews (decided May 2013) and the outline of its successor the seed
/// decides (2021-2025), each pillar with the seed's lines.
public enum SeedStrategies {
    public static let exportStrategy2013 = "strategy-2013-infrastructure-export"
    public static let outline2021 = "strategy-2021-2025-outline"

    static func text(_ ja: String, _ en: String) -> LocalizedText { LocalizedText(ja: ja, en: en) }

    public static var all: [Strategy] {
        var current = Strategy()
        current.id = exportStrategy2013
        current.title = text("インフラシステム輸出戦略", "Infrastructure System Export Strategy")
        current.decidedOn = "2013-05"
        current.periodEnd = "2020"
        current.aims = [
            text(
                "2020年に約30兆円（2010年約10兆円）のインフラシステムの受注（事業投資による収入額等を含む）",
                "Infrastructure system orders of about JPY 30 trillion in 2020 (about JPY 10 trillion in 2010), including income from business investment")
        ]
        current.provenance = .seed("2-9")
        current.pillars = [
            StrategyPillar(
                number: 1, title: text("官民一体となった競争力強化", "Public-private competitiveness"),
                measures: [
                    text("従来からの政策支援ツールの改善・新設、必要に応じた拡充", "Improve and add policy support tools, widening them where needed"),
                    text("現地・第三国を含めた部材・人材等の活用", "Use of local and third-country materials and people for price competitiveness"),
                ],
                provenance: .seed("26-30")),
            StrategyPillar(
                number: 2, title: text("受注獲得に向けた戦略的取組", "Strategic efforts to win orders"),
                measures: [
                    text("インフラの運営や維持・更新への参画", "Taking part in operation, maintenance and renewal, not only equipment and construction"),
                    text("政策対話やコンサル、提案力の強化、公的金融等によるリスク軽減", "Policy dialogue, consulting and proposals; public finance to reduce risks"),
                    text("第三国連携等を通じた競争力の補完", "Third-country cooperation to complement competitiveness"),
                ],
                provenance: .seed("171-178")),
            StrategyPillar(
                number: 3, title: text("質の高いインフラの推進", "Quality infrastructure"),
                measures: [
                    text("「質の高いインフラ投資に関するG20原則」の承認等による国際スタンダード化", "International standards, through the G20 Principles for Quality Infrastructure Investment"),
                    text("債務国の債務管理能力構築への支援", "Building debtor countries' debt management capacity"),
                ],
                provenance: .seed("160-169")),
            StrategyPillar(
                number: 4, title: text("幅広いインフラ分野への取組", "A wide range of infrastructure fields"),
                measures: [
                    text("脱炭素化・省エネ、防災・水・廃棄物処理等の海外展開", "Decarbonisation, energy saving, disaster prevention, water and waste abroad"),
                    text("IoT・AIなど高度なICTを活用したインフラ、宇宙分野", "Infrastructure using IoT, AI and other advanced ICT; space"),
                ],
                provenance: .seed("150-158")),
        ]

        var outline = Strategy()
        outline.id = outline2021
        outline.title = text("インフラ海外展開に関する新戦略の骨子", "Outline of the new strategy for infrastructure abroad")
        outline.decidedOn = "2020-07-09"
        outline.periodStart = "2021"
        outline.periodEnd = "2025"
        outline.outline = true
        outline.provenance = .seed("441-493")
        outline.aims = [
            text("グローバル化の推進、デジタル変革への対応等を通じた、産業競争力向上による経済成長の実現", "Economic growth through industrial competitiveness: globalisation and digital transformation"),
            text("展開国の社会課題解決・SDGs達成への貢献", "Contributing to partner countries' social issues and the SDGs"),
            text("質の高いインフラの海外展開の推進を通じ、「自由で開かれたインド太平洋」（FOIP）の実現等の外交課題に対応", "Diplomatic aims such as a Free and Open Indo-Pacific, through quality infrastructure"),
        ]
        outline.directions = [
            text("2021年以降５年間における新たな目標を掲げた新戦略", "A new strategy with new targets for the five years from 2021"),
            text("年末に向け、2025年に到達すべき目標（KPI)や行動計画の設定等について議論", "KPIs for 2025 and an action plan to be discussed toward the end of the year"),
            text("KPIについては、機器輸出だけでなく、サービス、事業投資等の指標を組み込むことも検討", "KPIs to consider services and business investment, not only equipment exports"),
            text("戦略の実効性について定期的に検証を行い、必要に応じ見直し", "The strategy's effectiveness reviewed regularly"),
            text(
                "コロナ対応：①医療インフラ投資推進、②保健・公衆衛生等分野での付加価値付け、③海外インフラ中断案件への対応、④サプライチェーン整備、⑤デジタル変革への対応",
                "COVID-19: medical infrastructure investment, health and hygiene, cases suspended abroad, supply chains, digital transformation"),
            text("新たなフロンティア分野：情報基盤（都市OS）、サービス一括提供モデル(MaaS）、ソフト・アプリ（遠隔監視等）", "New frontier fields: city OS, MaaS, software and applications such as remote monitoring"),
        ]
        outline.pillars = [
            StrategyPillar(
                number: 1, title: text("質の高いインフラシステムの実現に向けたデジタル変革への対応", "Digital transformation for quality infrastructure"),
                measures: [
                    text("デジタル技術活用案件の形成支援強化、カタログ等により戦略的発信の強化", "Forming digital cases; catalogues"),
                    text("次元の違うスピード感が求められるデジタル案件への政策支援のあり方の検討", "Policy support at the speed digital cases need"),
                    text("我が国企業のDX、強みが活かされるフィジカルデータの活用の推進", "Companies' DX; physical data"),
                    text("プラットフォーム型のビジネスモデル構築、5Gに係る製品・システムの海外展開の後押し", "Platform business models; 5G abroad"),
                    text("大阪トラックの下、DFFTに基づくデジタル経済に関する国際ルール作り加速", "International rules for the digital economy on DFFT (Osaka Track)"),
                ],
                provenance: .seed("421-431")),
            StrategyPillar(
                number: 2, title: text("質の高いインフラの推進と社会課題解決への貢献", "Quality infrastructure and social issues"),
                measures: [
                    text("「G20原則」の普及・定着及び個別のプロジェクトにおける実践の推進", "The G20 Principles in practice"),
                    text("複合領域に跨る面的なインフラ開発の推進", "Area-wide development across fields"),
                    text("コンサルティングの質確保に向けた環境整備、現地情報収集体制の強化", "Consulting quality; local information"),
                    text("多様なインフラニーズ（医療、廃棄物処理、水、防災、エネルギー、物流等）にきめ細かく対応", "Medical, waste, water, disaster prevention, energy, logistics"),
                    text("中堅・中小企業、スタートアップ企業、地方自治体の海外展開支援", "SMEs, start-ups and local governments abroad"),
                    text("国際標準化、法令・制度整備支援、現地人材育成の戦略的実施", "Standards, legal systems, local people"),
                    text("環境性能の高いインフラの海外展開の推進", "Infrastructure with high environmental performance"),
                    text("送配電、水素、CCUS／カーボンリサイクル、一部の原子力等革新的技術の育成強化", "Grids, hydrogen, CCUS/carbon recycling, innovative nuclear"),
                    text("スマートシティ、MaaSについて、省庁間連携、官民対話強化", "Smart cities and MaaS"),
                ],
                provenance: .seed("399-419")),
            StrategyPillar(
                number: 3, title: text("「自由で開かれたインド太平洋（FOIP）」等外交課題への対応", "FOIP and other diplomatic aims"),
                measures: [
                    text("FOIP実現等に向け優先順位の高いインフラ案件への公的支援スキームの戦略的活用", "Public support for priority FOIP cases"),
                    text("外国政府及びその関係機関・企業、MDBs、その他国際機関等との連携強化", "Partners: foreign governments, MDBs, international organisations"),
                    text("海洋産業協力の深化（船舶の輸出促進や官公庁船、港湾整備・運営等）", "Maritime industry: ships, government vessels, ports"),
                ],
                provenance: .seed("433-439")),
            StrategyPillar(
                number: 4, title: text("我が国企業のグローバル化への対応の強化（CORE JAPANの推進）", "Globalisation of Japanese companies (CORE JAPAN)"),
                measures: [
                    text("設計・研究開発拠点のグローバル展開支援、パートナー国企業との連携", "R&D bases abroad; partner companies"),
                    text("次世代技術の開発、インフラ分野の技術革新、事業モデルの実証", "Next-generation technology; demonstration"),
                    text("我が国企業による出資・M＆A支援及び人材育成の強化", "Equity and M&A support; people"),
                    text("国内の産業戦略と一体となった将来戦略の策定", "Strategies with domestic industrial strategy"),
                ],
                provenance: .seed("376-385")),
            StrategyPillar(
                number: 5, title: text("我が国の優位性又は将来性のある領域・ビジネスモデルに関する取組の強化", "Fields and business models of advantage"),
                measures: [
                    text("O&M支援案件の積極的推進、我が国オペレーターの育成", "O&M; Japanese operators"),
                    text("PPP組成・受注に向けた戦略的取組の推進、コンサルティング機能の強化", "PPP; consulting"),
                    text("円借款の戦略的活用及び迅速化の徹底", "Strategic, faster yen loans"),
                    text("公的金融機関等の柔軟な対応、積極的リスクテイク", "Public finance taking risks"),
                    text("民間資金の一層の動員、債権流動化に向けた取組の改善・強化", "Private finance; receivables securitisation"),
                ],
                provenance: .seed("387-397")),
            StrategyPillar(
                number: 6, title: text("エネルギー・資源分野との連携", "Energy and resources"),
                measures: [text("インフラ海外展開や経済協力と連携したエネルギー・資源安全保障の確保", "Energy and resource security")],
                provenance: .seed("487-491")),
        ]
        return [current, outline]
    }
}
