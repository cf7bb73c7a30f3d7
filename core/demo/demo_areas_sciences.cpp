// Research areas of the demo corpus, part one: computing, engineering and the natural sciences.
// Every phrase is written for the grammatical role documented in demo_catalogue.h.
#include "core/demo/demo_catalogue_tables.h"

namespace rankpo::demo {
namespace {

constexpr AreaSpec kAreas[] = {
    {"machine learning",
     "Machine Learning|Artificial Intelligence|Data Science and Machine Learning",
     "School of Computer Science|Department of Computing|Department of Computer Science|School of Informatics",
     "Computer science|Artificial intelligence|Machine learning|Algorithm|Deep learning",
     "computer science, statistics, mathematics or a related discipline",
     TextStyle::Technical,
     {{"reinforcement learning",
       "Reinforcement learning|Markov decision process|Policy gradient|Q-learning|Reward shaping|Exploration"
       "|Multi-agent system|Robot control|Sample complexity|Offline reinforcement learning",
       "policy gradient methods|model-based reinforcement learning|offline reinforcement learning"
       "|actor-critic algorithms|distributional value estimation|hierarchical policies",
       "robotic manipulation|autonomous navigation|sequential decision making under uncertainty"
       "|adaptive control of energy systems|multi-agent coordination|recommendation with long-term rewards",
       "sample inefficiency|safe exploration|reward misspecification"
       "|distribution shift between offline data and deployment|credit assignment over long horizons",
       "continuous-control benchmarks|simulated robotic arms|the Atari suite"
       "|large offline datasets of logged interactions|a fleet of warehouse robots",
       "conservative value estimates prevent catastrophic failures during deployment"
       "|learned world models reduce the number of environment interactions by an order of magnitude"
       "|simple regularisation of the policy closes most of the gap to online training"
       "|exploration bonuses matter far less than previously reported"
       "|hierarchical policies transfer to unseen tasks with little fine-tuning"},
      {"graph neural networks",
       "Graph neural network|Message passing|Graph theory|Node classification|Link prediction|Graph embedding"
       "|Molecular graph|Graph attention|Over-smoothing|Knowledge graph",
       "message passing neural networks|graph attention networks|graph transformers|equivariant graph networks"
       "|spectral graph convolutions|self-supervised graph pre-training",
       "molecular property prediction|traffic forecasting on road networks|link prediction in knowledge graphs"
       "|fraud detection in transaction networks|protein interface prediction|recommendation on user-item graphs",
       "over-smoothing in deep architectures|scalability to graphs with billions of edges"
       "|the limited expressive power of message passing|generalisation to larger graphs than seen in training"
       "|sensitivity to noisy edges",
       "large molecular benchmark datasets|citation and co-purchase graphs|city-scale traffic sensor networks"
       "|a billion-edge social network|the Open Graph Benchmark",
       "positional encodings recover much of the expressive power lost by message passing"
       "|attention over neighbourhoods improves robustness to noisy edges"
       "|pre-training on unlabelled molecules halves the amount of labelled data required"
       "|simple sampling schemes scale training to billion-edge graphs without loss of accuracy"
       "|depth beyond a few layers rarely helps once over-smoothing is controlled"},
      {"causal inference",
       "Causal inference|Counterfactual|Treatment effect|Confounding|Instrumental variable|Causal discovery"
       "|Propensity score|Structural causal model|Observational study|Econometrics",
       "doubly robust estimators|causal forests|structural causal models|causal discovery algorithms"
       "|double machine learning|counterfactual representation learning",
       "heterogeneous treatment effect estimation|policy evaluation from observational data"
       "|causal structure learning from time series|fairness through counterfactual reasoning"
       "|personalised medicine from electronic health records|uplift modelling for marketing interventions",
       "unmeasured confounding|violations of the positivity assumption|selection bias in observational data"
       "|the identifiability of causal graphs|uncertainty quantification for individual effects",
       "semi-synthetic benchmarks with known ground truth|electronic health records of 200,000 patients"
       "|randomised trial data combined with observational cohorts|large-scale online experiments"
       "|gene expression time series",
       "doubly robust estimators remain reliable when one nuisance model is misspecified"
       "|combining trial and observational data sharpens effect estimates without inflating bias"
       "|causal discovery recovers most true edges when interventions are available"
       "|individual treatment effects vary substantially across subgroups"
       "|sensitivity analysis reveals how much hidden confounding would overturn the conclusions"},
      {"natural language processing",
       "Natural language processing|Language model|Transformer|Machine translation|Question answering"
       "|Text classification|Information extraction|Word embedding|Automatic summarization|Computational linguistics",
       "pretrained transformer language models|retrieval-augmented generation|instruction tuning"
       "|parameter-efficient fine-tuning|contrastive sentence embeddings|sequence-to-sequence models",
       "open-domain question answering|machine translation for low-resource languages"
       "|information extraction from scientific literature|abstractive summarisation|dense passage retrieval"
       "|clinical text understanding",
       "hallucination in generated text|the evaluation of open-ended generation"
       "|the scarcity of annotated data in low-resource languages|robustness to adversarial inputs"
       "|bias in pretrained representations",
       "multilingual benchmark suites|a corpus of two million scientific abstracts|low-resource language pairs"
       "|clinical notes from partner hospitals|standard question answering benchmarks",
       "retrieval grounding substantially reduces hallucinated content"
       "|small instruction-tuned models rival much larger ones on domain tasks"
       "|back-translation remains a strong baseline for low-resource translation"
       "|contrastive training yields sentence embeddings that transfer across domains"
       "|automatic metrics correlate poorly with human judgements of faithfulness"}}},

    {"electrical and electronic engineering",
     "Electrical and Electronic Engineering|Electrical Engineering|Electronic Engineering",
     "Department of Electrical and Electronic Engineering|School of Electrical Engineering|School of Engineering",
     "Electrical engineering|Engineering|Electronic engineering|Control theory|Computer science",
     "electrical or electronic engineering, or a closely related discipline",
     TextStyle::Technical,
     {{"power systems and renewable integration",
       "Power system|Renewable energy|Microgrid|Smart grid|Electric power distribution|Photovoltaic system"
       "|Wind power|Energy storage|Voltage regulation|Demand response",
       "optimal power flow formulations|model predictive control of converters|probabilistic load forecasting"
       "|distribution network reconfiguration|state estimation with phasor measurements"
       "|hierarchical microgrid control",
       "the integration of renewable generation into distribution grids"
       "|frequency stability in low-inertia power systems|microgrid energy management"
       "|electric vehicle charging coordination|fault detection in transmission networks"
       "|demand response in smart grids",
       "voltage fluctuations caused by intermittent generation|reduced system inertia"
       "|uncertainty in renewable forecasts|protection coordination in meshed networks"
       "|real power losses in distribution feeders",
       "the IEEE 33-bus and 69-bus test systems|a distribution feeder with high photovoltaic penetration"
       "|hardware-in-the-loop testbeds|a regional transmission network|a campus microgrid",
       "coordinated control of inverters keeps voltages within limits at high photovoltaic penetration"
       "|synthetic inertia from storage restores frequency stability"
       "|network reconfiguration reduces real power losses by a third"
       "|probabilistic forecasts lower reserve requirements"
       "|decentralised charging schedules avoid transformer overloads"},
      {"wireless communications",
       "Wireless|Telecommunications|MIMO|Beamforming|Channel state information|Millimeter wave"
       "|Spectral efficiency|Fading|5G|Signal-to-noise ratio",
       "massive MIMO precoding|reconfigurable intelligent surfaces|millimetre-wave beam management"
       "|non-orthogonal multiple access|deep learning-based channel estimation|stochastic geometry analysis",
       "sixth-generation cellular networks|energy-efficient wireless sensor networks"
       "|integrated sensing and communication|vehicular communication links"
       "|satellite-terrestrial integrated networks|ultra-reliable low-latency communication",
       "pilot contamination|imperfect channel state information|interference in dense deployments"
       "|blockage at millimetre-wave frequencies|the energy consumption of base stations",
       "ray-tracing simulations of urban macrocells|an over-the-air testbed|realistic 3GPP channel models"
       "|measurement campaigns at 28 GHz|large-scale system-level simulations",
       "intelligent surfaces extend coverage in blocked regions at low cost"
       "|learned channel estimators approach the performance of perfect channel knowledge"
       "|non-orthogonal access improves cell-edge throughput"
       "|predictive beam management halves link outage time"
       "|joint sensing and communication costs little spectral efficiency"},
      {"control systems and robotics",
       "Control theory|Robotics|Robust control|Model predictive control|Nonlinear system"
       "|Trajectory optimization|Mobile robot|Stability|Kalman filter|Actuator",
       "model predictive control|robust and adaptive control|Lyapunov-based controller design"
       "|Kalman filtering and sensor fusion|trajectory optimisation|learning-based control",
       "autonomous mobile robots|legged locomotion|the control of unmanned aerial vehicles|soft robotic actuators"
       "|human-robot collaboration in manufacturing|networked control systems",
       "model uncertainty|actuator saturation|communication delays in feedback loops"
       "|safety guarantees for learned controllers|state estimation under sensor failure",
       "a quadrotor testbed|industrial robotic arms|a fleet of ground robots"
       "|high-fidelity simulation and hardware experiments|a soft gripper prototype",
       "the proposed controller guarantees stability despite bounded model errors"
       "|learned dynamics models improve tracking accuracy without sacrificing safety"
       "|event-triggered communication cuts network load while preserving performance"
       "|robust sensor fusion keeps estimates accurate when one sensor fails"
       "|tube-based predictive control handles actuator limits gracefully"},
      {"signal and image processing",
       "Signal processing|Image processing|Compressed sensing|Computer vision|Radar|Noise reduction"
       "|Sparse approximation|Filter (signal processing)|Image restoration|Inverse problem",
       "compressed sensing|sparse dictionary learning|convolutional neural networks for imaging"
       "|adaptive filtering|time-frequency analysis|variational image reconstruction",
       "medical image reconstruction|radar target detection|speech enhancement|hyperspectral image analysis"
       "|super-resolution microscopy|audio source separation",
       "noise and artefacts in undersampled measurements|the computational cost of iterative reconstruction"
       "|the lack of ground-truth training data|clutter in radar returns|model mismatch in inverse problems",
       "clinical MRI scans|automotive radar recordings|public speech corpora|airborne hyperspectral surveys"
       "|synthetic phantoms and real acquisitions",
       "unrolled reconstruction networks match iterative methods at a fraction of the runtime"
       "|sparse priors recover images from five-fold undersampled data"
       "|self-supervised training removes the need for clean reference images"
       "|adaptive filters suppress clutter without losing weak targets"
       "|time-frequency masks improve speech intelligibility in noise"}}},

    {"materials science",
     "Materials Science|Materials Science and Engineering|Materials Engineering",
     "Department of Materials|Department of Materials Science and Engineering|School of Materials",
     "Materials science|Composite material|Nanotechnology|Chemical engineering|Microstructure",
     "materials science, physics, chemistry or a related discipline",
     TextStyle::Technical,
     {{"battery materials",
       "Battery (electricity)|Lithium-ion battery|Electrolyte|Cathode|Anode|Solid-state battery"
       "|Electrochemistry|Energy storage|Cycling stability|Sodium-ion battery",
       "in situ X-ray diffraction|electrochemical impedance spectroscopy"
       "|first-principles calculations of ion transport|operando electron microscopy|galvanostatic cycling"
       "|solid electrolyte synthesis",
       "solid-state lithium batteries|high-nickel cathode materials|sodium-ion batteries for grid storage"
       "|silicon anodes|fast-charging electrodes|the recycling of spent battery materials",
       "capacity fade during long-term cycling|dendrite growth at lithium metal anodes"
       "|interfacial resistance in solid-state cells|thermal runaway|the volume expansion of high-capacity anodes",
       "coin and pouch cells|a library of doped cathode compositions"
       "|commercial cells cycled for over a thousand cycles|thin-film model electrodes"
       "|large-scale computational screening",
       "surface coatings suppress capacity fade over a thousand cycles"
       "|interlayers halve the interfacial resistance of solid-state cells"
       "|dendrite growth is controlled by local current hot spots"
       "|sodium layered oxides deliver competitive energy density at lower cost"
       "|pre-lithiation compensates for irreversible losses in silicon anodes"},
      {"two-dimensional materials",
       "Graphene|Two-dimensional materials|Transition metal dichalcogenide|Heterojunction|Van der Waals force"
       "|Band gap|Monolayer|Nanoelectronics|Raman spectroscopy|Exfoliation",
       "chemical vapour deposition growth|Raman and photoluminescence spectroscopy"
       "|scanning tunnelling microscopy|density functional theory calculations"
       "|van der Waals heterostructure assembly|liquid-phase exfoliation",
       "graphene-based nanoelectronics|transition metal dichalcogenide transistors|two-dimensional magnets"
       "|flexible optoelectronic devices|twisted bilayer heterostructures|printed electronics from layered inks",
       "defects introduced during large-area growth|contact resistance at metal interfaces"
       "|the environmental degradation of monolayers|wafer-scale uniformity|charge traps at dielectric interfaces",
       "wafer-scale monolayer films|encapsulated heterostructure devices|exfoliated flakes on silicon substrates"
       "|printed thin-film arrays|low-temperature transport measurements",
       "a twist angle of a few degrees induces correlated electronic phases"
       "|edge contacts cut contact resistance by an order of magnitude"
       "|hexagonal boron nitride encapsulation preserves monolayer properties for months"
       "|sulfur vacancies dominate the transport behaviour of the films"
       "|printed layered inks reach mobilities suitable for flexible circuits"},
      {"polymers and soft matter",
       "Polymer|Soft matter|Hydrogel|Rheology|Self-assembly|Copolymer|Viscoelasticity|Polymer chemistry"
       "|Colloid|Biodegradable polymer",
       "controlled radical polymerisation|small-angle X-ray scattering|oscillatory rheology"
       "|coarse-grained molecular dynamics|microfluidic fabrication|3D printing of soft materials",
       "self-healing hydrogels|block copolymer self-assembly|biodegradable packaging materials"
       "|stimuli-responsive polymers|colloidal gels|polymer membranes for separations",
       "the trade-off between toughness and stiffness|the slow degradation of plastics in the environment"
       "|the control of nanoscale morphology|the fatigue of soft materials"
       "|the scalable processing of functional polymers",
       "a series of well-defined block copolymers|printed hydrogel scaffolds|simulations of entangled melts"
       "|model colloidal suspensions|pilot-scale extrusion lines",
       "dynamic covalent bonds allow hydrogels to recover full strength after damage"
       "|chain architecture controls the morphology more strongly than composition"
       "|sacrificial networks double the fracture toughness"
       "|enzymatic triggers accelerate degradation without compromising shelf life"
       "|flow during printing aligns polymer chains and stiffens the parts"},
      {"metallurgy and additive manufacturing",
       "Metallurgy|Alloy|Additive manufacturing|Microstructure|Grain boundary|Fatigue|Corrosion"
       "|Selective laser melting|Titanium alloy|Creep",
       "selective laser melting|electron backscatter diffraction|thermodynamic modelling with CALPHAD"
       "|in situ synchrotron diffraction|crystal plasticity simulations|high-throughput alloy screening",
       "high-entropy alloys|additively manufactured titanium components|nickel-based superalloys for turbines"
       "|lightweight aluminium alloys|corrosion-resistant steels|hydrogen embrittlement in structural alloys",
       "porosity and residual stress in printed parts|fatigue crack initiation|creep at high temperature"
       "|hydrogen embrittlement|the strength-ductility trade-off",
       "laser-melted test coupons|turbine blade alloys|in situ loading experiments"
       "|a library of cast compositions|industrial build plates",
       "tailored scan strategies reduce residual stress by forty percent"
       "|nanoscale precipitates overcome the strength-ductility trade-off"
       "|grain boundary engineering delays fatigue crack initiation"
       "|hot isostatic pressing closes most printing porosity"
       "|trace additions of boron improve creep life at high temperature"}}},

    {"chemistry",
     "Chemistry|Chemical Sciences",
     "Department of Chemistry|School of Chemistry|School of Chemical Sciences",
     "Chemistry|Organic chemistry|Physical chemistry|Catalysis|Combinatorial chemistry",
     "chemistry or a closely related discipline",
     TextStyle::Technical,
     {{"homogeneous catalysis",
       "Homogeneous catalysis|Ligand|Transition metal|Reaction mechanism|Enantioselective synthesis"
       "|Organometallic chemistry|Palladium|Hydrogenation|Cross-coupling reaction|Photoredox catalysis",
       "ligand design for transition metal catalysts|kinetic isotope effect studies|in situ NMR spectroscopy"
       "|density functional theory mechanistic studies|high-throughput catalyst screening|photoredox catalysis",
       "asymmetric hydrogenation|earth-abundant metal catalysts|carbon dioxide utilisation"
       "|selective C-H activation|cross-coupling reactions|catalytic nitrogen fixation",
       "catalyst deactivation|the reliance on precious metals|poor selectivity for the desired isomer"
       "|harsh reaction conditions|the limited understanding of reaction mechanisms",
       "a family of iron and cobalt pincer complexes|gram-scale reactions|flow reactors"
       "|libraries of chiral ligands|industrially relevant substrates",
       "iron pincer complexes match the activity of precious-metal catalysts"
       "|a hemilabile ligand arm prevents catalyst deactivation"
       "|visible-light activation enables reactions at room temperature"
       "|mechanistic studies identify an unexpected off-cycle intermediate"
       "|ligand bite angle controls selectivity for the branched product"},
      {"organic synthesis and medicinal chemistry",
       "Total synthesis|Medicinal chemistry|Stereochemistry|Natural product|Drug discovery"
       "|Structure–activity relationship|Heterocycle|Organic synthesis|Chemical synthesis|Lead compound",
       "total synthesis|structure-activity relationship studies|fragment-based drug design"
       "|late-stage functionalisation|asymmetric organocatalysis|automated parallel synthesis",
       "the synthesis of complex natural products|antibacterial drug discovery|kinase inhibitors"
       "|new heterocyclic scaffolds|covalent inhibitors of disease targets|peptide macrocycles",
       "the length and low yield of synthetic routes|antimicrobial resistance"
       "|the poor metabolic stability of lead compounds|off-target toxicity"
       "|access to three-dimensional chemical space",
       "a series of sixty analogues|enzyme and cell-based assays|gram-scale synthetic routes"
       "|bacterial panels including resistant strains|fragment libraries",
       "a twelve-step route delivers the natural product on gram scale"
       "|the lead compound retains activity against resistant strains"
       "|a single fluorine substitution improves metabolic stability"
       "|late-stage diversification rapidly expands the analogue series"
       "|macrocyclisation improves both potency and cell permeability"},
      {"computational chemistry",
       "Computational chemistry|Density functional theory|Molecular dynamics|Quantum chemistry|Ab initio"
       "|Potential energy surface|Force field (chemistry)|Excited state|Free energy perturbation|Solvation",
       "density functional theory|ab initio molecular dynamics|coupled cluster calculations"
       "|machine-learned interatomic potentials|free energy perturbation|multiscale QM/MM simulations",
       "reaction mechanisms in solution|the excited-state dynamics of photoactive molecules"
       "|binding free energies of drug candidates|the properties of porous frameworks|enzyme catalysis"
       "|the design of molecular materials",
       "the cost of accurate electronic structure methods|the sampling of rare events"
       "|errors in approximate exchange-correlation functionals|the transferability of force fields"
       "|solvent effects on reactivity",
       "benchmark sets of small molecules|large simulation boxes of explicit solvent"
       "|a database of metal-organic frameworks|protein-ligand complexes|high-performance computing clusters",
       "machine-learned potentials reach coupled-cluster accuracy at force-field cost"
       "|explicit solvent reverses the predicted selectivity"
       "|enhanced sampling reveals a hidden reaction channel"
       "|a simple correction halves the errors of common functionals"
       "|computed binding free energies rank candidates in agreement with experiment"},
      {"analytical chemistry",
       "Analytical chemistry|Mass spectrometry|Chromatography|Biosensor|Spectroscopy|Detection limit"
       "|Electrochemical sensor|Metabolomics|Sample preparation|Fluorescence",
       "liquid chromatography-mass spectrometry|electrochemical biosensors|surface-enhanced Raman spectroscopy"
       "|ion mobility spectrometry|microfluidic sample preparation|chemometric data analysis",
       "the trace detection of environmental pollutants|point-of-care diagnostics|metabolite profiling"
       "|food authenticity testing|forensic analysis|the monitoring of pharmaceutical manufacturing",
       "matrix effects in complex samples|low detection limits|reproducibility across laboratories"
       "|selectivity in the presence of interferents|sample throughput",
       "river water and wastewater samples|clinical blood and urine samples|commercial food products"
       "|inter-laboratory comparison studies|portable field instruments",
       "the sensor detects the target at nanomolar concentrations in untreated samples"
       "|ion mobility separation resolves isomers missed by chromatography"
       "|a simple extraction step removes most matrix effects"
       "|chemometric models distinguish authentic from adulterated products"
       "|the method transfers between laboratories with low variability"}}},

    {"environmental science",
     "Environmental Science|Earth and Environmental Sciences|Environmental Sciences",
     "School of Earth and Environment|Department of Environmental Science|School of Geography and Environmental Sciences",
     "Environmental science|Climate change|Environmental resource management|Earth science|Geography",
     "environmental science, geography, earth sciences or a related discipline",
     TextStyle::Technical,
     {{"climate modelling",
       "Climate model|General circulation model|Climatology|Precipitation|Extreme weather|Downscaling"
       "|Atmospheric sciences|Global warming|Ensemble forecasting|Heat wave",
       "global climate model ensembles|statistical and dynamical downscaling|detection and attribution analysis"
       "|regional climate simulations|emulators of climate models|data assimilation",
       "projections of extreme precipitation|the attribution of heatwaves to climate change|monsoon variability"
       "|future changes in drought risk|climate sensitivity|regional climate services",
       "biases in simulated precipitation|uncertainty in regional projections"
       "|the representation of clouds and convection|the computational cost of high-resolution simulations"
       "|internal variability masking forced trends",
       "the CMIP6 multi-model ensemble|convection-permitting regional simulations"
       "|century-long observational records|large single-model ensembles|reanalysis products",
       "convection-permitting models reproduce hourly rainfall extremes far better"
       "|human influence made the observed heatwave several times more likely"
       "|emulators reproduce regional projections at negligible cost"
       "|internal variability explains much of the spread in near-term trends"
       "|bias correction changes the projected drought frequency substantially"},
      {"hydrology and water resources",
       "Hydrology|Groundwater|Water resources|Flood|Streamflow|Drainage basin|Drought|Water quality"
       "|Hydrological modelling|Evapotranspiration",
       "distributed hydrological models|remote sensing of soil moisture|isotope tracer analysis"
       "|flood frequency analysis|groundwater flow modelling|data-driven streamflow forecasting",
       "flood risk management|groundwater depletion|catchment responses to land-use change"
       "|water allocation under drought|urban drainage|nutrient transport in rivers",
       "sparse monitoring networks|the non-stationarity of flood statistics|uncertainty in model parameters"
       "|competing demands for water|the impact of extreme events on water quality",
       "long-term records from gauged catchments|satellite gravity observations|a network of monitoring wells"
       "|high-frequency water quality sensors|large-sample catchment datasets",
       "flood peaks have increased in most catchments over the last five decades"
       "|satellite data reveal rapid groundwater depletion in irrigated regions"
       "|land-use change alters low flows more than high flows"
       "|machine-learned models forecast streamflow well in ungauged basins"
       "|storm events deliver most of the annual nutrient load"},
      {"biodiversity and ecosystem ecology",
       "Biodiversity|Ecology|Ecosystem|Species richness|Habitat|Conservation biology|Ecosystem services"
       "|Invasive species|Land use|Restoration ecology",
       "long-term field surveys|species distribution modelling|environmental DNA metabarcoding|camera trapping"
       "|remote sensing of vegetation|meta-analysis of ecological experiments",
       "biodiversity loss under land-use change|ecosystem restoration|pollinator decline"
       "|range shifts under climate change|invasive species management|carbon storage in forests and peatlands",
       "biased sampling of biodiversity data|time lags in ecological responses"
       "|interacting pressures on ecosystems|the scaling of local studies to landscapes"
       "|trade-offs between conservation and agriculture",
       "a network of permanent forest plots|national monitoring schemes|restored wetlands and peatlands"
       "|fragmented agricultural landscapes|island ecosystems",
       "restored sites recover most of their species richness within two decades"
       "|species are shifting their ranges faster than predicted"
       "|environmental DNA detects rare species missed by conventional surveys"
       "|landscape heterogeneity buffers pollinator decline"
       "|protected areas store substantially more carbon than comparable unprotected land"},
      {"atmospheric chemistry and air quality",
       "Air pollution|Atmospheric chemistry|Aerosol|Particulates|Ozone|Air quality index|Emission inventory"
       "|Nitrogen dioxide|Chemical transport model|Environmental health",
       "chemical transport modelling|low-cost sensor networks|satellite retrievals of trace gases"
       "|aerosol mass spectrometry|source apportionment|emission inventory development",
       "urban air quality|secondary organic aerosol formation|wildfire smoke|ozone pollution"
       "|emissions from shipping and aviation|the health impacts of fine particulate matter",
       "uncertain emission inventories|the calibration of low-cost sensors|nonlinear ozone chemistry"
       "|the contribution of transboundary pollution|exposure misclassification",
       "a dense urban sensor network|aircraft measurement campaigns|long-term monitoring stations"
       "|satellite observations over two decades|a national emission inventory",
       "traffic restrictions reduced nitrogen dioxide but increased ozone"
       "|secondary aerosol accounts for most winter particulate pollution"
       "|calibrated low-cost sensors capture neighbourhood-scale gradients"
       "|wildfire smoke now dominates summer particulate matter in several regions"
       "|shipping emissions contribute substantially to coastal air pollution"}}},

    {"molecular and cell biology",
     "Molecular and Cell Biology|Cell Biology|Biochemistry and Molecular Biology",
     "Department of Cell and Developmental Biology|School of Biological Sciences|Department of Biochemistry"
     "|Institute of Molecular Biology",
     "Biology|Cell biology|Molecular biology|Biochemistry|Gene",
     "molecular biology, biochemistry, cell biology or a related field",
     TextStyle::LifeScience,
     {{"chromatin and epigenetics",
       "Chromatin|Epigenetics|DNA methylation|Histone|Heterochromatin|Gene expression|Transcription (biology)"
       "|Nucleosome|Gene silencing|Chromatin remodeling",
       "ChIP-sequencing|CUT&RUN profiling|single-cell ATAC-sequencing|chromosome conformation capture"
       "|CRISPR-based epigenome editing|live-cell imaging of chromatin",
       "heterochromatin organisation in human cells|transcriptional repression by chromatin regulators"
       "|DNA methylation in development|histone modifications in cancer"
       "|the coordination of DNA replication with chromatin state|epigenetic inheritance",
       "how chromatin states are maintained through cell division|the causal role of histone modifications"
       "|cell-to-cell variability in epigenetic states|the targeting of chromatin regulators to specific loci"
       "|the interplay between transcription and chromatin structure",
       "human cell lines|mouse embryonic stem cells|patient-derived tumour samples|yeast genetic screens"
       "|developing zebrafish embryos",
       "loss of the regulator disrupts heterochromatin and derepresses repetitive elements"
       "|DNA methylation patterns are re-established within hours of replication"
       "|targeted removal of a histone mark is sufficient to reactivate silenced genes"
       "|chromatin accessibility predicts cell fate decisions"
       "|replication timing is coupled to nuclear positioning"},
      {"structural biology",
       "Cryo-electron microscopy|Protein structure|X-ray crystallography|Structural biology"
       "|Protein–protein interaction|Conformational change|Membrane protein|Allosteric regulation|Biophysics"
       "|Intrinsically disordered proteins",
       "single-particle cryo-electron microscopy|cryo-electron tomography|X-ray crystallography"
       "|hydrogen-deuterium exchange mass spectrometry|integrative structural modelling|native mass spectrometry",
       "the architecture of membrane transporters|the allosteric regulation of enzymes"
       "|the assembly of large macromolecular complexes|biomolecular condensates"
       "|the structural basis of signalling receptor activation|protein dynamics and cryptic binding pockets",
       "the conformational heterogeneity of flexible proteins|the structural basis of drug resistance"
       "|transient protein-protein interactions|membrane proteins in their native environment"
       "|how disordered regions contribute to function",
       "purified recombinant complexes|native membranes and nanodiscs|intact bacterial cells"
       "|patient-derived protein variants|time-resolved experiments",
       "the transporter alternates between three distinct conformations during its cycle"
       "|a disordered linker folds upon binding its partner"
       "|a cryptic pocket opens transiently and can be targeted by small molecules"
       "|condensate formation concentrates the enzyme and accelerates the reaction"
       "|resistance mutations act by stabilising an inactive conformation"},
      {"stem cells and development",
       "Stem cell|Cellular differentiation|Embryonic stem cell|Organoid|Developmental biology"
       "|Induced pluripotent stem cell|Regeneration (biology)|Morphogenesis|Cell fate determination|Embryo",
       "organoid culture|lineage tracing|single-cell RNA sequencing|CRISPR screens|live imaging of embryos"
       "|directed differentiation protocols",
       "cell fate decisions in early embryos|tissue regeneration|intestinal organoids as disease models"
       "|neural crest development|the ageing of adult stem cells|pluripotency and reprogramming",
       "the variability of organoid differentiation|the signals that coordinate tissue patterning"
       "|the loss of regenerative capacity with age|the fidelity of in vitro differentiation"
       "|how stem cell niches maintain homeostasis",
       "mouse and human embryonic stem cells|patient-derived organoids|zebrafish and mouse models"
       "|regenerating tissue after injury|aged animals",
       "a transient signalling pulse is sufficient to commit cells to the new fate"
       "|aged stem cells fail to re-enter the cell cycle after injury"
       "|organoid variability stems largely from the starting cell state"
       "|lineage tracing reveals an unexpected progenitor population"
       "|mechanical cues from the niche regulate stem cell self-renewal"},
      {"cell signalling and membrane trafficking",
       "Cell signaling|Signal transduction|Endocytosis|Membrane trafficking|Kinase|Receptor|Autophagy"
       "|Endosome|Phosphorylation|Golgi apparatus",
       "quantitative phosphoproteomics|super-resolution fluorescence microscopy|optogenetic control of signalling"
       "|proximity labelling proteomics|genome-wide CRISPR screens|live-cell biosensors",
       "receptor endocytosis and recycling|autophagy and lysosomal degradation|kinase signalling networks"
       "|neuronal protein trafficking|inflammatory signalling pathways|organelle contact sites",
       "signalling crosstalk between pathways|how cargo is sorted between compartments"
       "|the spatial control of kinase activity|defects in trafficking in neurodegenerative disease"
       "|the dynamics of signalling in single cells",
       "cultured human epithelial cells|primary neurons|knockout cell panels|patient fibroblasts"
       "|yeast and mammalian cell models",
       "receptor signalling continues from endosomes after internalisation"
       "|a previously uncharacterised adaptor links autophagy to lysosomal repair"
       "|signalling dynamics rather than amplitude encode the cellular response"
       "|contact sites between organelles control lipid transfer"
       "|phosphorylation of a single residue switches the cargo between pathways"}}},
};

} // namespace

int technicalAreaCount()
{
    return static_cast<int>(sizeof(kAreas) / sizeof(kAreas[0]));
}

const AreaSpec& technicalArea(int index)
{
    return kAreas[index];
}

} // namespace rankpo::demo
