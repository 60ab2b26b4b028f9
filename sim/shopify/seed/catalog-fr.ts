import type { ProductInput } from '../ops/catalog.js';

interface Family {
  title: string;
  base: string;
  type: string;
  price: string;
  grams: number;
  hs: string;
  /** Variant axis: sizes, or none for single-variant products. */
  sizes: string[];
}

const CLOTHING = ['S', 'M', 'L', 'XL'];
const TROUSERS = ['38', '40', '42', '44'];
const SHOES = ['38', '39', '40', '41', '42', '43'];

const FAMILIES: Family[] = [
  { title: 'T-shirt coton bio bleu', base: 'TSHIRT-BLEU', type: 'T-shirts', price: '24.90', grams: 180, hs: '610910', sizes: CLOTHING },
  { title: 'T-shirt coton bio blanc', base: 'TSHIRT-BLANC', type: 'T-shirts', price: '24.90', grams: 180, hs: '610910', sizes: CLOTHING },
  { title: 'T-shirt coton bio noir', base: 'TSHIRT-NOIR', type: 'T-shirts', price: '24.90', grams: 180, hs: '610910', sizes: CLOTHING },
  { title: 'Marinière rayée marine', base: 'MARINIERE-MARINE', type: 'Hauts', price: '49.00', grams: 260, hs: '610910', sizes: CLOTHING },
  { title: 'Marinière rayée rouge', base: 'MARINIERE-ROUGE', type: 'Hauts', price: '49.00', grams: 260, hs: '610910', sizes: CLOTHING },
  { title: 'Sweat à capuche gris chiné', base: 'SWEAT-GRIS', type: 'Sweats', price: '69.00', grams: 520, hs: '611020', sizes: CLOTHING },
  { title: 'Sweat à capuche kaki', base: 'SWEAT-KAKI', type: 'Sweats', price: '69.00', grams: 520, hs: '611020', sizes: CLOTHING },
  { title: 'Pull en laine mérinos bordeaux', base: 'PULL-BORDEAUX', type: 'Pulls', price: '89.00', grams: 380, hs: '611011', sizes: CLOTHING },
  { title: 'Pull en laine mérinos camel', base: 'PULL-CAMEL', type: 'Pulls', price: '89.00', grams: 380, hs: '611011', sizes: CLOTHING },
  { title: 'Chemise en lin blanche', base: 'CHEMISE-LIN-BLANC', type: 'Chemises', price: '65.00', grams: 240, hs: '620520', sizes: CLOTHING },
  { title: 'Chemise en lin bleu ciel', base: 'CHEMISE-LIN-CIEL', type: 'Chemises', price: '65.00', grams: 240, hs: '620520', sizes: CLOTHING },
  { title: 'Polo piqué vert sapin', base: 'POLO-VERT', type: 'Polos', price: '45.00', grams: 230, hs: '610510', sizes: CLOTHING },
  { title: 'Jean droit brut', base: 'JEAN-BRUT', type: 'Pantalons', price: '95.00', grams: 650, hs: '620342', sizes: TROUSERS },
  { title: 'Chino beige', base: 'CHINO-BEIGE', type: 'Pantalons', price: '75.00', grams: 480, hs: '620342', sizes: TROUSERS },
  { title: 'Veste en jean délavée', base: 'VESTE-JEAN', type: 'Vestes', price: '119.00', grams: 820, hs: '620332', sizes: CLOTHING },
  { title: 'Imperméable jaune', base: 'IMPER-JAUNE', type: 'Vestes', price: '139.00', grams: 700, hs: '620193', sizes: CLOTHING },
  { title: 'Robe portefeuille vert sauge', base: 'ROBE-SAUGE', type: 'Robes', price: '85.00', grams: 300, hs: '620442', sizes: ['XS', 'S', 'M', 'L'] },
  { title: 'Jupe plissée noire', base: 'JUPE-NOIR', type: 'Jupes', price: '59.00', grams: 250, hs: '620453', sizes: ['XS', 'S', 'M', 'L'] },
  { title: 'Pyjama en coton rayé', base: 'PYJAMA-RAYE', type: 'Nuit', price: '55.00', grams: 350, hs: '620721', sizes: ['S', 'M', 'L'] },
  { title: 'Chaussettes rayées (lot de 3)', base: 'CHAUSSETTES-RAYEES', type: 'Chaussettes', price: '19.90', grams: 120, hs: '611595', sizes: ['36-40', '41-45'] },
  { title: 'Baskets en cuir blanc', base: 'BASKETS-BLANC', type: 'Chaussures', price: '129.00', grams: 900, hs: '640399', sizes: SHOES },
  { title: 'Espadrilles marine', base: 'ESPADRILLES-MARINE', type: 'Chaussures', price: '39.00', grams: 420, hs: '640419', sizes: SHOES },
  { title: 'Ceinture en cuir marron', base: 'CEINTURE-MARRON', type: 'Accessoires', price: '45.00', grams: 200, hs: '420330', sizes: ['85', '95', '105'] },
  { title: 'Béret en laine noir', base: 'BERET-NOIR', type: 'Accessoires', price: '29.00', grams: 90, hs: '650500', sizes: [] },
  { title: 'Béret en laine rouge', base: 'BERET-ROUGE', type: 'Accessoires', price: '29.00', grams: 90, hs: '650500', sizes: [] },
  { title: 'Écharpe en cachemire gris', base: 'ECHARPE-GRIS', type: 'Accessoires', price: '79.00', grams: 150, hs: '611710', sizes: [] },
  { title: 'Bonnet côtelé moutarde', base: 'BONNET-MOUTARDE', type: 'Accessoires', price: '25.00', grams: 80, hs: '650500', sizes: [] },
  { title: 'Casquette brodée', base: 'CASQUETTE-BRODEE', type: 'Accessoires', price: '32.00', grams: 110, hs: '650500', sizes: [] },
  { title: 'Lunettes de soleil écaille', base: 'LUNETTES-ECAILLE', type: 'Accessoires', price: '59.00', grams: 60, hs: '900410', sizes: [] },
  { title: 'Sac cabas en toile écrue', base: 'CABAS-TOILE-ECRU', type: 'Sacs', price: '35.00', grams: 400, hs: '420222', sizes: [] },
  { title: 'Tote bag imprimé Paris', base: 'TOTEBAG-PARIS', type: 'Sacs', price: '18.00', grams: 150, hs: '420222', sizes: [] },
  { title: 'Sac à dos urbain noir', base: 'SACADOS-NOIR', type: 'Sacs', price: '89.00', grams: 850, hs: '420292', sizes: [] },
  { title: 'Portefeuille en cuir cognac', base: 'PORTEFEUILLE-COGNAC', type: 'Maroquinerie', price: '49.00', grams: 120, hs: '420231', sizes: [] },
  { title: 'Parapluie pliant noir', base: 'PARAPLUIE-NOIR', type: 'Accessoires', price: '27.00', grams: 330, hs: '660191', sizes: [] },
  { title: 'Mug en grès bleu', base: 'MUG-GRES-BLEU', type: 'Maison', price: '16.00', grams: 380, hs: '691200', sizes: [] },
  { title: 'Tablier de cuisine en lin', base: 'TABLIER-LIN', type: 'Maison', price: '34.00', grams: 220, hs: '630299', sizes: [] },
  { title: 'Bougie parfumée figue', base: 'BOUGIE-FIGUE', type: 'Maison', price: '28.00', grams: 420, hs: '340600', sizes: [] },
  { title: 'Savon de Marseille 300 g', base: 'SAVON-MARSEILLE', type: 'Maison', price: '6.50', grams: 310, hs: '340111', sizes: [] },
  { title: 'Carnet en papier recyclé', base: 'CARNET-RECYCLE', type: 'Papeterie', price: '12.00', grams: 200, hs: '482010', sizes: [] },
  { title: 'Gourde inox 500 ml', base: 'GOURDE-INOX-500', type: 'Maison', price: '24.00', grams: 280, hs: '732393', sizes: [] },
];

/** The demo merchant's 40 products (French names, SKUs like TSHIRT-BLEU-M). */
export function frenchCatalog(vendor: string): ProductInput[] {
  return FAMILIES.map((f) => ({
    title: f.title,
    vendor,
    productType: f.type,
    tags: [f.type.toLowerCase()],
    variants:
      f.sizes.length === 0
        ? [{ sku: f.base, price: f.price, grams: f.grams, harmonizedSystemCode: f.hs, countryCodeOfOrigin: 'FR' }]
        : f.sizes.map((size) => ({
            sku: `${f.base}-${size}`,
            title: size,
            price: f.price,
            grams: f.grams,
            harmonizedSystemCode: f.hs,
            countryCodeOfOrigin: 'PT',
            options: [{ name: 'Taille', value: size }],
          })),
  }));
}
