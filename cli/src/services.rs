//! `smileid services`: the countries and ID types a product offers (`GET /v1/services`), for
//! building an ID form or picking a sandbox test number.

use std::path::Path;

use clap::{Args, ValueEnum};
use smileid_core::{ProductCountries, Result, Services};

use crate::connection::Connection;

#[derive(Args)]
pub struct ServicesArgs {
    #[command(flatten)]
    connection: Connection,
    /// The product whose countries and ID types to list.
    #[arg(long, value_enum, default_value_t = Product::EnhancedKyc)]
    product: Product,
    /// Print the whole services document as JSON instead.
    #[arg(long)]
    json: bool,
}

/// The six products of `hosted_web`.
#[derive(Clone, Copy, ValueEnum)]
enum Product {
    BasicKyc,
    BiometricKyc,
    EnhancedKyc,
    DocVerification,
    EkycSmartselfie,
    EnhancedDocumentVerification,
}

impl Product {
    fn of(self, services: &Services) -> &ProductCountries {
        let web = &services.hosted_web;
        match self {
            Product::BasicKyc => &web.basic_kyc,
            Product::BiometricKyc => &web.biometric_kyc,
            Product::EnhancedKyc => &web.enhanced_kyc,
            Product::DocVerification => &web.doc_verification,
            Product::EkycSmartselfie => &web.ekyc_smartselfie,
            Product::EnhancedDocumentVerification => &web.enhanced_document_verification,
        }
    }
}

pub async fn run(store: &Path, args: ServicesArgs) -> Result<()> {
    let is_production = args.connection.production;
    let client = args.connection.client(store)?;
    let services = client.services(is_production).await?;
    if args.json {
        println!("{}", serde_json::to_string(&*services).expect("services serialize"));
        return Ok(());
    }
    for (code, country) in args.product.of(&services) {
        println!("{code}  {}", country.name);
        for (id_type, info) in &country.id_types {
            let mut line = format!("  {id_type:<22} {}", info.label);
            if !info.required_fields.is_empty() {
                line += &format!("; needs {}", info.required_fields.join(", "));
            }
            if let Some(test) = info.test_data.as_deref().filter(|t| !t.is_empty()) {
                line += &format!("; sandbox test number {test}");
            }
            println!("{line}");
        }
    }
    Ok(())
}
